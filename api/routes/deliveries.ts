import { Router } from 'express';
import { requireUuid } from '../deliveryIds';
import { ApiError } from '../errors';
import { requireRole } from '../auth';
import { createDelivery } from '../deliveryService';
import { loadDeliveryView } from '../deliveryView';
import { deliveryRequestSchema } from '../schemas/deliveryRequest';
import type { AppDeps } from '../appDeps';

export function deliveriesRouter(deps: AppDeps): Router {
  const router = Router();

  router.post('/v1/deliveries', requireRole(deps.db, 'integration'), async (req, res) => {
    const parsed = deliveryRequestSchema.safeParse(req.body);
    if (!parsed.success) throw ApiError.validation(parsed.error);
    const { deliveryId, created } = await createDelivery(deps, parsed.data, req.header('idempotency-key') ?? undefined);
    const view = await loadDeliveryView(deps.db, deliveryId, deps.temporalUi);
    res
      .status(created ? 201 : 200)
      .location(`/v1/deliveries/${deliveryId}`)
      .json(view);
  });

  router.get('/v1/deliveries/:deliveryId', requireRole(deps.db, 'integration', 'supervisor', 'agent'), async (req, res) => {
    const deliveryId = requireUuid((req.params as { deliveryId: string }).deliveryId, 'delivery');
    const view = await loadDeliveryView(deps.db, deliveryId, deps.temporalUi);
    if (!view) throw new ApiError(404, 'not_found', `no delivery "${deliveryId}"`);
    res.json(view);
  });

  return router;
}
