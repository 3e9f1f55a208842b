import { Router } from 'express';
import { requireUuid } from '../deliveryIds';
import { ApiError } from '../errors';
import { requireRole } from '../auth';
import { createDelivery } from '../deliveryService';
import { loadDeliveryView } from '../deliveryView';
import { explainDelivery } from '../deliveryExplain';
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

  router.get('/v1/deliveries/:deliveryId/explain', requireRole(deps.db, 'integration', 'supervisor', 'agent'), async (req, res) => {
    const deliveryId = requireUuid((req.params as { deliveryId: string }).deliveryId, 'delivery');
    const raw = typeof req.query.at === 'string' ? req.query.at : undefined;
    const at = raw === undefined ? new Date() : new Date(raw);
    if (raw !== undefined && (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(at.getTime()))) {
      throw new ApiError(400, 'validation_error', `at must be an ISO 8601 instant such as 2026-03-10T12:00:00Z, not "${raw}"`);
    }
    const explanation = await explainDelivery(deps.db, deliveryId, at);
    if (!explanation) throw new ApiError(404, 'not_found', `no delivery "${deliveryId}"`);
    res.json(explanation);
  });

  return router;
}
