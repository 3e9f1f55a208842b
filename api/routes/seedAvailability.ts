import { Router, type Request } from 'express';
import { deliveryOfConversation } from '../../db/deliveryConversations';
import { dispatchedEngagement } from '../../db/dispatchEngagements';
import { engagementFiguresSince } from '../../db/dispatchOutcomes';
import type { AppDeps } from '../appDeps';
import { ApiError, RETRY_AFTER_SECONDS } from '../errors';
import { parseRequest } from '../schemas/parseRequest';
import {
  AVERAGE_WAIT_WINDOW_MS,
  availabilityBeforeConversationSchema,
  availabilityForConversationSchema,
  representativeAvailability,
  type RepresentativeAvailabilityResponse,
} from '../schemas/seedAvailability';
import { SEED_API_ROOT, odataContext, seedRoles } from './seedRoutes';

export const AVAILABILITY_BEFORE_CONVERSATION = 'CCaaS_GetRepresentativeAvailabilityBeforeConversation';
export const AVAILABILITY_FOR_CONVERSATION = 'CCaaS_GetRepresentativeAvailabilityForConversation';

interface QueueQuestion {
  action: string;
  engagementId: string;
  queueId: string;
  skills: string[];
}

/**
 * The queue's answer from the same availability source the dispatcher paces on (AVAILABILITY_URL, the
 * simulator by default), asked now rather than read from the dispatcher's last tick, plus the wait
 * the engine measured for the engagement's recent live answers.
 */
async function answer(deps: AppDeps, req: Request, q: QueueQuestion): Promise<RepresentativeAvailabilityResponse> {
  if (!deps.availability)
    throw new ApiError(503, 'availability_unavailable', 'no representative availability source is configured (AVAILABILITY_URL)');
  let queue;
  try {
    queue = await deps.availability.queueAvailability(q.queueId, q.skills);
  } catch (err) {
    req.log?.warn({ err }, 'availability source failed');
    throw new ApiError(
      503,
      'availability_unavailable',
      'the representative availability source did not answer, retry later',
      undefined,
      RETRY_AFTER_SECONDS,
    );
  }
  const figures = await engagementFiguresSince(deps.db, q.engagementId, new Date(Date.now() - AVERAGE_WAIT_WINDOW_MS));
  return representativeAvailability(odataContext(deps, req, q.action), {
    queueId: q.queueId,
    withinOperatingHours: queue.withinOperatingHours,
    availableRepresentatives: queue.agents.filter((a) => a.state === 'available').length,
    averageWaitMs: figures.averageWaitMs,
  });
}

/** The product's two representative-availability actions (seed 003), answered for our engagements' queues. */
export function seedAvailabilityRouter(deps: AppDeps): Router {
  const router = Router();

  router.post(`${SEED_API_ROOT}/${AVAILABILITY_BEFORE_CONVERSATION}`, seedRoles(deps), async (req, res) => {
    const body = parseRequest(availabilityBeforeConversationSchema, req.body);
    const engagement = await dispatchedEngagement(deps.db, body.LiveWorkStreamId);
    if (!engagement)
      throw new ApiError(404, 'not_found', `no engagement "${body.LiveWorkStreamId}"`, [
        { path: 'LiveWorkStreamId', message: 'names no engagement (the workstream is an engagement here)' },
      ]);
    const { queueId, skills } = engagement.config.routing;
    res.json(await answer(deps, req, { action: AVAILABILITY_BEFORE_CONVERSATION, engagementId: engagement.engagementId, queueId, skills }));
  });

  router.post(`${SEED_API_ROOT}/${AVAILABILITY_FOR_CONVERSATION}`, seedRoles(deps), async (req, res) => {
    const body = parseRequest(availabilityForConversationSchema, req.body);
    const delivery = await deliveryOfConversation(deps.db, body.ConversationId);
    const engagement = delivery && (await dispatchedEngagement(deps.db, delivery.engagementId));
    if (!delivery || !engagement)
      throw new ApiError(404, 'not_found', `no conversation "${body.ConversationId}"`, [
        { path: 'ConversationId', message: 'names no conversation of a delivery' },
      ]);
    res.json(
      await answer(deps, req, {
        action: AVAILABILITY_FOR_CONVERSATION,
        engagementId: engagement.engagementId,
        // The queue the delivery was routed to; the engagement's when the delivery kept none.
        queueId: delivery.queueId ?? engagement.config.routing.queueId,
        skills: engagement.config.routing.skills,
      }),
    );
  });

  return router;
}
