import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { ApiError } from '../errors';
import { requireRole } from '../auth';
import { engagementCreateSchema } from '../schemas/engagement';
import type { AppDeps } from '../appDeps';
import type { EngagementRow } from '../../db/schema';

function engagementView(row: EngagementRow) {
  return { engagementId: row.engagement_id, state: row.state, stateReason: row.state_reason, createdAt: row.created_at, updatedAt: row.updated_at, ...(row.config as object) };
}

export function engagementsRouter(deps: AppDeps): Router {
  const router = Router();

  router.post('/v1/engagements', requireRole(deps.db, 'admin'), async (req, res) => {
    const parsed = engagementCreateSchema.safeParse(req.body);
    if (!parsed.success) throw ApiError.validation(parsed.error);
    const { engagementId = randomUUID(), ...config } = parsed.data;
    const row = await deps.db
      .insertInto('engagements')
      .values({ engagement_id: engagementId, name: config.name, channel: config.channel, config: JSON.stringify(config), state: 'active', updated_at: new Date() })
      .onConflict((oc) => oc.column('engagement_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new ApiError(409, 'already_exists', `engagement "${engagementId}" already exists`);
    res.status(201).location(`/v1/engagements/${engagementId}`).json(engagementView(row));
  });

  router.get('/v1/engagements/:engagementId', requireRole(deps.db, 'admin', 'supervisor', 'integration'), async (req, res) => {
    const { engagementId } = req.params as { engagementId: string };
    const row = await deps.db.selectFrom('engagements').selectAll().where('engagement_id', '=', engagementId).executeTakeFirst();
    if (!row) throw new ApiError(404, 'not_found', `no engagement "${engagementId}"`);
    res.json(engagementView(row));
  });

  return router;
}
