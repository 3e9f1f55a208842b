import { Router } from 'express';
import type { AppDeps } from '../appDeps';
import { parseRequest } from '../schemas/parseRequest';
import { channelIssues } from '../schemas/seedContact';
import { SIMPLE_PHONE_FIELDS, seedSimpleDeliverySchema, seedSmsDeliverySchema } from '../schemas/seedSimpleDeliveries';
import { SEED_API_ROOT, createSeedDelivery, odataContext, seedRoles } from './seedRoutes';

/** The product's one-recipient create actions: Simple (either channel) and the first-generation SMS one. */
export function seedSimpleDeliveriesRouter(deps: AppDeps): Router {
  const router = Router();

  const simple = 'CCaaS_CreateSimpleProactiveDelivery';
  router.post(`${SEED_API_ROOT}/${simple}`, seedRoles(deps), async (req, res) => {
    const parsed = parseRequest(seedSimpleDeliverySchema, req.body);
    const { deliveryId } = await createSeedDelivery(deps, req, {
      parsed,
      channelIssues: (channel) => channelIssues(channel, parsed.request.contacts, (_i, type) => [SIMPLE_PHONE_FIELDS[type]], undefined),
    });
    res.json({ '@odata.context': odataContext(deps, req, simple), DeliveryId: deliveryId, DeliveryTaskId: deliveryId });
  });

  const sms = 'CCaaS_CreateProactiveSMSDelivery';
  router.post(`${SEED_API_ROOT}/${sms}`, seedRoles(deps), async (req, res) => {
    const parsed = parseRequest(seedSmsDeliverySchema, req.body);
    const { deliveryId } = await createSeedDelivery(deps, req, {
      parsed,
      channelIssues: (channel) =>
        channel === 'sms'
          ? []
          : [{ path: ['ProactiveEngagementConfigId'], message: 'names a voice engagement; this action sends SMS only' }],
    });
    res.json({ '@odata.context': odataContext(deps, req, sms), DeliveryId: deliveryId });
  });

  return router;
}
