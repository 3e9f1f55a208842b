import { Router } from 'express';
import type { AppDeps } from '../appDeps';
import { requireRole } from '../auth';
import { ApiError } from '../errors';
import { parseRequest } from '../schemas/parseRequest';
import { deliveryTaskId, deliveryTaskIdFromRequest, seedCancelDeliveryTaskSchema } from '../schemas/seedDeliveryTasks';
import { requestDeliveryCancel } from './seedCancellation';
import { loadDeliveryTask } from './seedDeliveryTaskView';
import { SEED_API_ROOT, odataContext, seedRoles } from './seedRoutes';

/**
 * The product's OData function, under v9.0 (as its docs write it) and v9.2, with the key in the path
 * (`CCaaS_GetDeliveryTasks(DeliveryTaskId=<guid>)`) or without one (the id in the query).
 */
const GET_DELIVERY_TASKS = /^\/api\/data\/v9\.[02]\/CCaaS_GetDeliveryTasks(?:\(([^/]*)\))?\/?$/i;

/** CCaaS_GetDeliveryTasks and CCaaS_CancelDeliveryTask: our delivery is the product's delivery task. */
export function seedDeliveryTasksRouter(deps: AppDeps): Router {
  const router = Router();

  router.get(GET_DELIVERY_TASKS, seedRoles(deps), async (req, res) => {
    const rawKey = GET_DELIVERY_TASKS.exec(req.path)?.[1];
    let key: string | undefined;
    try {
      key = rawKey === undefined ? undefined : decodeURIComponent(rawKey);
    } catch {
      key = rawKey;
    }
    const given = deliveryTaskIdFromRequest(key, req.query as Record<string, unknown>);
    if (given === undefined)
      throw new ApiError(400, 'validation_failed', 'the request has invalid fields', [
        { path: 'DeliveryTaskId', message: 'is required: CCaaS_GetDeliveryTasks(DeliveryTaskId=<guid>)' },
      ]);
    const id = parseRequest(deliveryTaskId, given, 'DeliveryTaskId');
    const task = await loadDeliveryTask(deps.db, id.toLowerCase());
    if (!task)
      throw new ApiError(404, 'not_found', `no delivery task "${id}"`, [{ path: 'DeliveryTaskId', message: 'names no delivery task' }]);
    res.json({ '@odata.context': odataContext(deps, req, 'CCaaS_GetDeliveryTasks'), value: [task] });
  });

  const cancel = 'CCaaS_CancelDeliveryTask';
  router.post(`${SEED_API_ROOT}/${cancel}`, requireRole(deps.db, 'integration', 'supervisor'), async (req, res) => {
    const body = parseRequest(seedCancelDeliveryTaskSchema, req.body ?? {});
    const id = body.DeliveryTaskId.toLowerCase();
    const { status } = await requestDeliveryCancel(deps, id, `${cancel} request`, 'DeliveryTaskId');
    // Honoured while queued; a call in progress finishes first, so the answer is "requested".
    res
      .status(202)
      .json({ '@odata.context': odataContext(deps, req, cancel), DeliveryTaskId: id, Cancellation: 'requested', Status: status });
  });

  return router;
}
