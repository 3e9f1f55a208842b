import { Router } from 'express';
import type { AppDeps } from '../appDeps';
import { requireRole } from '../auth';
import { endPolicy, listPolicies } from '../../db/cancellationPolicyStore';
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
