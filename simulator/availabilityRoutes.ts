import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { AVAILABILITY_PATH } from '../activities/availabilityClient';
import type { DialerSimulator } from './dialerSimulator';

const availabilityRequest = z.object({ QueueId: z.string().min(1), Skills: z.array(z.string()).optional() });
const queueHoursRequest = z.strictObject({ withinOperatingHours: z.boolean() });

/**
 * Representative availability (spec §6): per queue, whether it is inside operating hours and each
 * representative's presence with the seconds spent in it; plus /sim/queues/:id to open or close a queue.
 */
export function createAvailabilityRouter(dialer: DialerSimulator): express.Router {
  const router = express.Router();
  router.post(AVAILABILITY_PATH, (req: Request, res: Response) => {
    const parsed = availabilityRequest.safeParse(req.body);
    if (!parsed.success) {
      res
        .status(400)
        .json({ error: 'invalid request', fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      return;
    }
    const a = dialer.availability(parsed.data.QueueId);
    const available = a.representatives.filter((r) => r.state === 'available').length;
    res.json({
      '@odata.context': 'simulator#Microsoft.Dynamics.CRM.CCaaS_GetRepresentativeAvailabilityBeforeConversationResponse',
      QueueId: a.queueId,
      IsWithinOperatingHours: a.withinOperatingHours,
      IsQueueAvailable: a.withinOperatingHours && available > 0,
      AvailableRepresentativeCount: available,
      BusyRepresentativeCount: a.representatives.length - available,
      ...(a.averageHandleMs !== undefined ? { AverageHandleTimeSeconds: a.averageHandleMs / 1000 } : {}),
      Representatives: a.representatives.map((r) => ({
        Presence: r.state === 'available' ? 'Available' : 'Busy',
        SecondsInPresence: r.elapsedMs / 1000,
      })),
    });
  });
  router.put('/sim/queues/:queueId', (req: Request<{ queueId: string }>, res: Response) => {
    const parsed = queueHoursRequest.safeParse(req.body);
    if (!parsed.success) {
      res
        .status(400)
        .json({ error: 'invalid request', fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      return;
    }
    if (parsed.data.withinOperatingHours) dialer.closedQueues.delete(req.params.queueId);
    else dialer.closedQueues.add(req.params.queueId);
    res.json({ queueId: req.params.queueId, withinOperatingHours: parsed.data.withinOperatingHours });
  });
  return router;
}
