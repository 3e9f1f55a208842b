import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { EngagementRow } from '../../db/schema';
import type { AppDeps } from '../appDeps';
import { requireRole } from '../auth';
import { ApiError } from '../errors';
import { engagementConfigSchema, parseEngagementCreate } from '../schemas/engagement';
import { parseRequest } from '../schemas/parseRequest';
import { engagementPath } from '../schemas/pathParams';

function engagementView(row: EngagementRow) {
  return {
    engagementId: row.engagement_id,
    state: row.state,
    stateReason: row.state_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.config as object),
  };
}

/**
 * Engagements: full settings, validated. A delivery snapshots the settings when it is accepted
 * (README: "What a delivery fixes at acceptance"), so an update applies to deliveries accepted after it.
 */
export function engagementsRouter(deps: AppDeps): Router {
  const router = Router();

  router.post('/v1/engagements', requireRole(deps.db, 'admin'), async (req, res) => {
    const parsed = parseEngagementCreate(req.body);
    if (!parsed.success) throw ApiError.validation(parsed.error);
    const { engagementId = randomUUID(), config } = parsed.data;
    const row = await deps.db
      .insertInto('engagements')
      .values({
        engagement_id: engagementId,
        name: config.name,
        channel: config.channel,
        config: JSON.stringify(config),
        state: 'active',
        updated_at: new Date(),
      })
      .onConflict((oc) => oc.column('engagement_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new ApiError(409, 'already_exists', `engagement "${engagementId}" already exists`);
    res.status(201).location(`/v1/engagements/${engagementId}`).json(engagementView(row));
  });

  router.get('/v1/engagements', requireRole(deps.db, 'admin', 'supervisor', 'integration'), async (_req, res) => {
    const rows = await deps.db.selectFrom('engagements').selectAll().orderBy('created_at').limit(1000).execute();
    res.json({ engagements: rows.map(engagementView) });
  });

  router.get('/v1/engagements/:engagementId', requireRole(deps.db, 'admin', 'supervisor', 'integration'), async (req, res) => {
    const { engagementId } = parseRequest(engagementPath, req.params);
    const row = await deps.db.selectFrom('engagements').selectAll().where('engagement_id', '=', engagementId).executeTakeFirst();
    if (!row) throw new ApiError(404, 'not_found', `no engagement "${engagementId}"`);
    res.json(engagementView(row));
  });

  /** Replaces the settings (the whole object, validated like a create). */
  router.put('/v1/engagements/:engagementId', requireRole(deps.db, 'admin'), async (req, res) => {
    const { engagementId } = parseRequest(engagementPath, req.params);
    const config = parseRequest(engagementConfigSchema, req.body);
    const row = await deps.db
      .updateTable('engagements')
      .set({ name: config.name, channel: config.channel, config: JSON.stringify(config), updated_at: new Date() })
      .where('engagement_id', '=', engagementId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new ApiError(404, 'not_found', `no engagement "${engagementId}"`);
    res.json(engagementView(row));
  });

  return router;
}
