import { Router } from 'express';
import { createDelivery } from '../deliveryService';
import { parseRequest } from '../schemas/parseRequest';
import { seedFieldPath, seedVoiceDeliverySchema } from '../schemas/seedVoiceDelivery';
import type { AppDeps } from '../appDeps';
import { SEED_API_ROOT, odataContext, renamedFields, seedRoles } from './seedRoutes';

/** The seed suite's create-voice-delivery action, so existing integrations can point at this engine unchanged. */
export function seedCompatRouter(deps: AppDeps): Router {
  const router = Router();
  const action = 'CCaaS_CreateProactiveVoiceDelivery';
  router.post(`${SEED_API_ROOT}/${action}`, seedRoles(deps), async (req, res) => {
    const body = parseRequest(seedVoiceDeliverySchema, req.body);
    const { deliveryId } = await createDelivery(
      deps,
      {
        engagementId: body.ProactiveEngagementConfigId,
        // The seed names one destination without a type; it is treated as a mobile number.
        contacts: [{ contactId: body.ContactId, phones: [{ type: 'mobile', number: body.DestinationPhoneNumber }] }],
        windows: body.Windows?.map((w) => ({ start: w.Start, end: w.End })),
        inputAttributes: body.InputAttributes,
      },
      req.header('idempotency-key') ?? undefined,
      // Intake names the native fields; the client sent the seed's.
    ).catch((err: unknown) => Promise.reject(renamedFields(err, seedFieldPath)));
    res.json({ '@odata.context': odataContext(deps, req, action), DeliveryId: deliveryId });
  });
  return router;
}
