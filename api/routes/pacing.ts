import { Router } from 'express';
import { z } from 'zod';
import { pacingDecisions, pacingMinutes } from '../../db/pacingDecisions';
import type { AppDeps } from '../appDeps';
import { requireRole } from '../auth';
import { ApiError } from '../errors';

/** The longest range one request reads: a day of minute aggregates per pool. */
const MAX_RANGE_MS = 24 * 3600_000;
const DEFAULT_RANGE_MS = 3600_000;
/** Decisions returned at most; `truncated` says when there were more. */
const MAX_DECISIONS = 1000;

export const pacingQuery = z
  .strictObject({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .transform(({ from, to }) => {
    const end = to ? new Date(to) : new Date();
    const start = from ? new Date(from) : new Date(end.getTime() - DEFAULT_RANGE_MS);
    return { from: start, to: end };
  })
  .refine(({ from, to }) => from.getTime() < to.getTime(), { message: 'from must be before to', path: ['from'] })
  .refine(({ from, to }) => to.getTime() - from.getTime() <= MAX_RANGE_MS, {
    message: `the range may span at most ${MAX_RANGE_MS / 3600_000} hours`,
    path: ['to'],
  });

/** What the dispatcher decided for an engagement: minute aggregates and every recorded grant, throttle or pause. */
export function pacingRouter(deps: AppDeps): Router {
  const router = Router();

  router.get('/v1/engagements/:engagementId/pacing', requireRole(deps.db, 'supervisor'), async (req, res) => {
    const { engagementId } = req.params as { engagementId: string };
    const parsed = pacingQuery.safeParse(req.query);
    if (!parsed.success) throw ApiError.validation(parsed.error);
    const engagement = await deps.db
      .selectFrom('engagements')
      .select('engagement_id')
      .where('engagement_id', '=', engagementId)
      .executeTakeFirst();
    if (!engagement) throw new ApiError(404, 'not_found', `no engagement "${engagementId}"`);
    const { from, to } = parsed.data;
    const [minutes, decisions] = await Promise.all([
      pacingMinutes(deps.db, engagementId, from, to),
      pacingDecisions(deps.db, engagementId, from, to, MAX_DECISIONS + 1),
    ]);
    res.json({
      engagementId,
      from: from.toISOString(),
      to: to.toISOString(),
      minutes,
      decisions: decisions.slice(0, MAX_DECISIONS),
      truncated: decisions.length > MAX_DECISIONS,
    });
  });

  return router;
}
