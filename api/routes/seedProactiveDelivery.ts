import { Router } from 'express';
import type { AppDeps } from '../appDeps';
import { parseRequest } from '../schemas/parseRequest';
import { PRODUCT_PHONE_FIELDS, channelIssues } from '../schemas/seedContact';
import { seedProactiveDeliverySchema } from '../schemas/seedProactiveDelivery';
import { SEED_API_ROOT, createSeedDelivery, odataContext, seedRoles } from './seedRoutes';

/**
 * The product's current create action, CCaaS_CreateProactiveDelivery. Our delivery is the product's
 * delivery task (one chain, its reattempts), so DeliveryId and DeliveryTaskId name the same delivery.
 */
export function seedProactiveDeliveryRouter(deps: AppDeps): Router {
  const router = Router();
  const action = 'CCaaS_CreateProactiveDelivery';
  router.post(`${SEED_API_ROOT}/${action}`, seedRoles(deps), async (req, res) => {
    const parsed = parseRequest(seedProactiveDeliverySchema, req.body);
    const { deliveryId } = await createSeedDelivery(deps, req, {
      parsed,
      channelIssues: (channel) =>
        channelIssues(
          channel,
          parsed.request.contacts,
          (i, type) => ['Contacts', i, PRODUCT_PHONE_FIELDS[type]],
          parsed.request.message !== undefined ? ['Message'] : undefined,
        ),
    });
    res.json({ '@odata.context': odataContext(deps, req, action), DeliveryId: deliveryId, DeliveryTaskId: deliveryId });
  });
  return router;
}
