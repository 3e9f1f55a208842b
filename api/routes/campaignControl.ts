import type { WorkflowHandle } from '@temporalio/client';
import { type RequestHandler, Router } from 'express';
import type { z } from 'zod';
import {
  dispatcherStatusQuery,
  pauseEngagementUpdate,
  resumeEngagementUpdate,
  setEngagementPriorityUpdate,
} from '../../workflows/dispatcherMessages';
import type { AppDeps } from '../appDeps';
import { requireRole } from '../auth';
import { dispatcherFor, loadDispatchedEngagement, runUpdate } from '../dispatcherControl';
import { pauseBody, priorityBody, resumeBody } from '../schemas/campaignControl';
import { parseRequest } from '../schemas/parseRequest';
import { engagementPath } from '../schemas/pathParams';

/**
 * Pause, resume and reprioritise a live campaign. Each is a Temporal update on the engagement's
 * dispatcher: the answer says whether it took effect (409 with the validator's reason if not).
 */
export function campaignControlRouter(deps: AppDeps): Router {
  const router = Router();

  /** One control: validate the body, find the engagement's dispatcher, run the update, answer its result. */
  function control<B>(
    body: z.ZodType<B>,
    run: (handle: WorkflowHandle, engagementId: string, data: B) => Promise<unknown>,
  ): RequestHandler {
    return async (req, res) => {
      const { engagementId } = parseRequest(engagementPath, req.params);
      const data = parseRequest(body, req.body ?? {});
      const e = await loadDispatchedEngagement(deps, engagementId);
      const handle = await dispatcherFor(deps, e.engagementId, e.config);
      res.json(await runUpdate(() => run(handle, e.engagementId, data)));
    };
  }

  const supervisor = requireRole(deps.db, 'supervisor');
  router.post(
    '/v1/engagements/:engagementId/pause',
    supervisor,
    control(pauseBody, (h, engagementId, { reason }) => h.executeUpdate(pauseEngagementUpdate, { args: [{ engagementId, reason }] })),
  );
  router.post(
    '/v1/engagements/:engagementId/resume',
    supervisor,
    control(resumeBody, (h, engagementId, { reason }) => h.executeUpdate(resumeEngagementUpdate, { args: [{ engagementId, reason }] })),
  );
  router.put(
    '/v1/engagements/:engagementId/priority',
    supervisor,
    control(priorityBody, (h, engagementId, { priority }) =>
      h.executeUpdate(setEngagementPriorityUpdate, { args: [{ engagementId, priority }] }),
    ),
  );

  /** The live dispatcher of the engagement's pool: engagements, backlog counts, what pacing has learnt. */
  router.get('/v1/engagements/:engagementId/dispatch', supervisor, async (req, res) => {
    const e = await loadDispatchedEngagement(deps, parseRequest(engagementPath, req.params).engagementId);
    const handle = await dispatcherFor(deps, e.engagementId, e.config);
    res.json(await handle.query(dispatcherStatusQuery));
  });

  return router;
}
