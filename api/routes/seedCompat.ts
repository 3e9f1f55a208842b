import { Router } from 'express';
import { ApiError } from '../errors';
import { requireRole } from '../auth';
import { createDelivery } from '../deliveryService';
import { seedVoiceDeliverySchema } from '../schemas/seedVoiceDelivery';
import type { AppDeps } from '../appDeps';

/** The seed suite's create-voice-delivery action, so existing integrations can point at this engine unchanged. */
export function seedCompatRouter(deps: AppDeps): Router {
  const router = Router();
  router.post(
    '/api/data/v9.2/CCaaS_CreateProactiveVoiceDelivery',
    requireRole(deps.db, 'integration', 'agent', 'supervisor'),
    async (req, res) => {
      const parsed = seedVoiceDeliverySchema.safeParse(req.body);
      if (!parsed.success) throw ApiError.validation(parsed.error);
      const body = parsed.data;
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
      );
      const base = deps.publicUrl ?? `${req.protocol}://${req.get('host')}/`;
      res.json({
        '@odata.context': `${base}api/data/v9.2/$metadata#Microsoft.Dynamics.CRM.CCaaS_CreateProactiveVoiceDeliveryResponse`,
        DeliveryId: deliveryId,
      });
    },
  );
  return router;
}
