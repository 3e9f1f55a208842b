import { Router } from 'express';
import type { AppDeps } from '../appDeps';
import { requireRole } from '../auth';
import { endPolicy, listPolicies, queuedDeliveriesMatching } from '../../db/cancellationPolicyStore';
import { createCancellationPolicy, policyView } from '../cancellationPolicyService';
import { requireUuid } from '../deliveryIds';
import { ApiError } from '../errors';
import { cancellationPolicyBody } from '../schemas/cancellationPolicy';
import { parseRequest } from '../schemas/parseRequest';

/** Cancellation and suppression policies (spec §2): create (cancels matching queued deliveries), list, end. */
export function cancellationPoliciesRouter(deps: AppDeps): Router {
  const router = Router();

  router.post('/v1/cancellation-policies', requireRole(deps.db, 'admin'), async (req, res) => {
    const { policy, cancelledDeliveries } = await createCancellationPolicy(deps, parseRequest(cancellationPolicyBody, req.body));
    res
      .status(201)
      .location(`/v1/cancellation-policies/${policy.policy_id}`)
      .json({ ...policyView(policy), cancelledDeliveries });
  });

  /**
   * What creating this policy would cancel now, without creating it: the same body, and the same query
   * the create runs (db/cancellationPolicyStore.ts), so the count shown before confirming is the one it acts on.
   */
  router.post('/v1/cancellation-policies/dry-run', requireRole(deps.db, 'admin'), async (req, res) => {
    const policy = parseRequest(cancellationPolicyBody, req.body);
    const queued = await queuedDeliveriesMatching(deps.db, policy);
    res.json({ wouldCancel: queued.length });
  });

  router.get('/v1/cancellation-policies', requireRole(deps.db, 'admin', 'supervisor'), async (_req, res) => {
    const rows = await listPolicies(deps.db, 500);
    res.json({ policies: rows.map(policyView) });
  });

  router.post('/v1/cancellation-policies/:policyId/end', requireRole(deps.db, 'admin'), async (req, res) => {
    const policyId = requireUuid((req.params as { policyId: string }).policyId, 'policy');
    const row = await endPolicy(deps.db, policyId, new Date());
    if (!row) throw new ApiError(404, 'not_found', `no active policy "${policyId}"`);
    res.json(policyView(row));
  });

  return router;
}
