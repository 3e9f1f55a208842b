import { Router } from 'express';
import { ApiError } from '../errors';
import { requireRole } from '../auth';
import { createDelivery } from '../deliveryService';
import { parseRequest } from '../schemas/parseRequest';
import { seedFieldPath, seedVoiceDeliverySchema } from '../schemas/seedVoiceDelivery';
import type { AppDeps } from '../appDeps';

/** The seed suite's create-voice-delivery action, so existing integrations can point at this engine unchanged. */
export function seedCompatRouter(deps: AppDeps): Router {
  const router = Router();
  router.post(
    '/api/data/v9.2/CCaaS_CreateProactiveVoiceDelivery',
    requireRole(deps.db, 'integration', 'agent', 'supervisor'),
    async (req, res) => {
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
      ).catch((err: unknown) => {
        // Intake names the native fields; the client sent the seed's.
        if (err instanceof ApiError && err.fields)
          throw new ApiError(
            err.status,
            err.code,
            err.message,
            err.fields.map((f) => ({ ...f, path: seedFieldPath(f.path) })),
            err.retryAfterSeconds,
          );
        throw err;
      });
      const base = deps.publicUrl ?? `${req.protocol}://${req.get('host')}/`;
      res.json({
        '@odata.context': `${base}api/data/v9.2/$metadata#Microsoft.Dynamics.CRM.CCaaS_CreateProactiveVoiceDeliveryResponse`,
        DeliveryId: deliveryId,
      });
    },
  );
  return router;
}
