import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../appDeps';
import { requireRole } from '../auth';
import { endPolicy, listPolicies } from '../../db/cancellationPolicyStore';
import { createCancellationPolicy, policyView } from '../cancellationPolicyService';
import { requireUuid } from '../deliveryIds';
import { ApiError } from '../errors';
import { windowTimestamp } from '../schemas/common';

export const cancellationPolicyBody = z
  .strictObject({
    engagementId: z.string().min(1).max(200).optional(),
    country: z.string().min(1).max(100).optional(),
    state: z.string().min(1).max(100).optional(),
    postalCode: z.string().min(1).max(20).optional(),
    until: windowTimestamp.optional(),
    comment: z.string().min(1).max(1000),
  })
  .refine((p) => p.engagementId || p.country || p.state || p.postalCode, {
    message: 'set at least one of engagementId, country, state, postalCode',
    path: ['engagementId'],
  });

/** Cancellation and suppression policies (spec §2): create (cancels matching queued deliveries), list, end. */
export function cancellationPoliciesRouter(deps: AppDeps): Router {
  const router = Router();

  router.post('/v1/cancellation-policies', requireRole(deps.db, 'admin'), async (req, res) => {
    const parsed = cancellationPolicyBody.safeParse(req.body);
    if (!parsed.success) throw ApiError.validation(parsed.error);
    const { policy, cancelledDeliveries } = await createCancellationPolicy(deps, parsed.data);
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
