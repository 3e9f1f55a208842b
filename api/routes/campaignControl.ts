import { Router } from 'express';
import { dispatcherStatusQuery, pauseEngagementUpdate, resumeEngagementUpdate, setEngagementPriorityUpdate } from '../../workflows/dispatcherMessages';
import type { AppDeps } from '../appDeps';
import { requireRole } from '../auth';
import { dispatcherFor, loadDispatchedEngagement, runUpdate } from '../dispatcherControl';
import { ApiError } from '../errors';
import { pauseBody, priorityBody, resumeBody } from '../schemas/campaignControl';

/**
 * Pause, resume and reprioritise a live campaign. Each is a Temporal update on the engagement's
 * dispatcher: the answer says whether it took effect (409 with the validator's reason if not).
 */
export function campaignControlRouter(deps: AppDeps): Router {
  const router = Router();

  router.post('/v1/engagements/:engagementId/pause', requireRole(deps.db, 'supervisor'), async (req, res) => {
    const parsed = pauseBody.safeParse(req.body ?? {});
    if (!parsed.success) throw ApiError.validation(parsed.error);
    const e = await loadDispatchedEngagement(deps, (req.params as { engagementId: string }).engagementId);
    const handle = await dispatcherFor(deps, e.engagementId, e.config);
    const result = await runUpdate(() => handle.executeUpdate(pauseEngagementUpdate, { args: [{ engagementId: e.engagementId, reason: parsed.data.reason }] }));
    res.json(result);
  });

  router.post('/v1/engagements/:engagementId/resume', requireRole(deps.db, 'supervisor'), async (req, res) => {
    const parsed = resumeBody.safeParse(req.body ?? {});
    if (!parsed.success) throw ApiError.validation(parsed.error);
    const e = await loadDispatchedEngagement(deps, (req.params as { engagementId: string }).engagementId);
    const handle = await dispatcherFor(deps, e.engagementId, e.config);
    const result = await runUpdate(() => handle.executeUpdate(resumeEngagementUpdate, { args: [{ engagementId: e.engagementId, reason: parsed.data.reason }] }));
    res.json(result);
  });

  router.put('/v1/engagements/:engagementId/priority', requireRole(deps.db, 'supervisor'), async (req, res) => {
    const parsed = priorityBody.safeParse(req.body);
    if (!parsed.success) throw ApiError.validation(parsed.error);
    const e = await loadDispatchedEngagement(deps, (req.params as { engagementId: string }).engagementId);
    const handle = await dispatcherFor(deps, e.engagementId, e.config);
    const result = await runUpdate(() => handle.executeUpdate(setEngagementPriorityUpdate, { args: [{ engagementId: e.engagementId, priority: parsed.data.priority }] }));
    res.json(result);
  });

  /** The live dispatcher of the engagement's pool: engagements, backlog counts, what pacing has learnt. */
  router.get('/v1/engagements/:engagementId/dispatch', requireRole(deps.db, 'supervisor'), async (req, res) => {
    const e = await loadDispatchedEngagement(deps, (req.params as { engagementId: string }).engagementId);
    const handle = await dispatcherFor(deps, e.engagementId, e.config);
    res.json(await handle.query(dispatcherStatusQuery));
  });

  return router;
}
