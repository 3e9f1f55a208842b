import { Router } from 'express';
import { pauseEngagementUpdate, resumeEngagementUpdate } from '../../workflows/dispatcherMessages';
import type { AppDeps } from '../appDeps';
import { requireRole } from '../auth';
import { dispatcherFor, loadDispatchedEngagement, runUpdate } from '../dispatcherControl';
import { ApiError } from '../errors';
import { parseRequest } from '../schemas/parseRequest';
import { seedOperationSchema, type SeedOperationRequest, type SeedOperationResponse } from '../schemas/seedOperation';
import { cancelQueuedDeliveries, requestDeliveryCancel } from './seedCancellation';
import { SEED_API_ROOT, odataContext } from './seedRoutes';

const ACTION = 'CCaaS_CreateOperation';

/**
 * CCaaS_CreateOperation → 202. Suspend and Resume are the dispatcher's pause and resume updates (the
 * same as POST /v1/engagements/:id/pause|resume); Cancel is the delivery cancel signal, for one
 * delivery or every queued delivery of the engagement. Integrations call it, as supervisors do; an
 * agent does not control campaigns.
 */
export function seedOperationsRouter(deps: AppDeps): Router {
  const router = Router();
  router.post(`${SEED_API_ROOT}/${ACTION}`, requireRole(deps.db, 'integration', 'supervisor'), async (req, res) => {
    const body = parseRequest(seedOperationSchema, req.body ?? {});
    const result = body.Operation === 'Cancel' ? await cancel(deps, body) : await suspendOrResume(deps, body);
    const response: SeedOperationResponse = {
      '@odata.context': odataContext(deps, req, ACTION),
      Operation: body.Operation,
      ...(body.ProactiveEngagementConfigId !== undefined ? { ProactiveEngagementConfigId: body.ProactiveEngagementConfigId } : {}),
      ...(body.DeliveryId !== undefined ? { DeliveryId: body.DeliveryId } : {}),
      ...result,
    };
    res.status(202).json(response);
  });
  return router;
}

const notFound = (engagementId: string) =>
  new ApiError(404, 'not_found', `no engagement "${engagementId}"`, [
    { path: 'ProactiveEngagementConfigId', message: 'names no engagement' },
  ]);

async function suspendOrResume(deps: AppDeps, body: SeedOperationRequest): Promise<Partial<SeedOperationResponse>> {
  const engagementId = body.ProactiveEngagementConfigId!;
  const e = await loadDispatchedEngagement(deps, engagementId).catch((err: unknown) => {
    throw err instanceof ApiError && err.status === 404 ? notFound(engagementId) : err;
  });
  const target = body.Operation === 'Suspend' ? 'paused' : 'active';
  // Asking again for the state the engagement is in is accepted, as the product's 202 implies.
  if (e.state === target) return { EngagementState: e.state };
  const handle = await dispatcherFor(deps, e.engagementId, e.config);
  const control = { engagementId: e.engagementId, reason: `${ACTION} ${body.Operation}` };
  const done = await runUpdate(() =>
    handle.executeUpdate(body.Operation === 'Suspend' ? pauseEngagementUpdate : resumeEngagementUpdate, { args: [control] }),
  );
  return { EngagementState: done.state };
}

async function cancel(deps: AppDeps, body: SeedOperationRequest): Promise<Partial<SeedOperationResponse>> {
  const reason = `${ACTION} Cancel`;
  if (body.DeliveryId !== undefined) {
    const id = body.DeliveryId.toLowerCase();
    if (body.ProactiveEngagementConfigId !== undefined) {
      const row = await deps.db.selectFrom('deliveries').select('engagement_id').where('delivery_id', '=', id).executeTakeFirst();
      if (row && row.engagement_id !== body.ProactiveEngagementConfigId)
        throw new ApiError(404, 'not_found', `no delivery "${id}" in engagement "${body.ProactiveEngagementConfigId}"`, [
          { path: 'DeliveryId', message: 'names no delivery of this engagement' },
        ]);
    }
    await requestDeliveryCancel(deps, id, reason, 'DeliveryId');
    return { CancelledDeliveries: 1 };
  }
  const engagementId = body.ProactiveEngagementConfigId!;
  const exists = await deps.db
    .selectFrom('engagements')
    .select('engagement_id')
    .where('engagement_id', '=', engagementId)
    .executeTakeFirst();
  if (!exists) throw notFound(engagementId);
  return { CancelledDeliveries: await cancelQueuedDeliveries(deps, engagementId, reason) };
}
