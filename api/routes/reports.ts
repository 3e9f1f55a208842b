import { stringify } from 'csv-stringify/sync';
import { Router } from 'express';
import { sql } from 'kysely';
import { z } from 'zod';
import { connectedCallSql, liveAnswerSql } from '../../db/callFactsSql';
import { callResultCounts, deliveryExportRows } from '../../db/deliveryExport';
import { historyReport } from '../../db/historyReport';
import type { AppDeps } from '../appDeps';
import { requireRole } from '../auth';
import { ApiError } from '../errors';
import { historyQuery, type historyReportResponse } from '../schemas/historyReport';
import { parseRequest } from '../schemas/parseRequest';
import { engagementPath } from '../schemas/pathParams';

export const exportQuery = z.strictObject({
  format: z.enum(['json', 'csv']).default('json'),
  table: z.enum(['deliveries', 'attributes']).default('deliveries'),
});

/** A cell a spreadsheet would run as a formula is exported with a leading apostrophe (it stays data). */
function spreadsheetSafe(value: unknown): unknown {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Per-engagement totals and the seed-002 reporting rows for export. */
export function reportsRouter(deps: AppDeps): Router {
  const router = Router();

  async function requireEngagement(engagementId: string) {
    const row = await deps.db
      .selectFrom('engagements')
      .select('engagement_id')
      .where('engagement_id', '=', engagementId)
      .executeTakeFirst();
    if (!row) throw new ApiError(404, 'not_found', `no engagement "${engagementId}"`);
  }

  router.get('/v1/engagements/:engagementId/report', requireRole(deps.db, 'supervisor'), async (req, res) => {
    const { engagementId } = parseRequest(engagementPath, req.params);
    await requireEngagement(engagementId);
    const db = deps.db;
    const [byStatus, byResult, calls, sms, callResults] = await Promise.all([
      db
        .selectFrom('deliveries')
        .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
        .where('engagement_id', '=', engagementId)
        .groupBy('status')
        .execute(),
      db
        .selectFrom('deliveries')
        .select(['result', (eb) => eb.fn.countAll<string>().as('n')])
        .where('engagement_id', '=', engagementId)
        .where('result', 'is not', null)
        .groupBy('result')
        .execute(),
      db
        .selectFrom('calls')
        .innerJoin('deliveries', 'deliveries.delivery_id', 'calls.delivery_id')
        .select([
          sql<string>`count(*) filter (where calls.unique_id is not null)`.as('placed'),
          sql<string>`count(*) filter (where ${liveAnswerSql()})`.as('answered'),
          sql<string>`count(*) filter (where ${connectedCallSql()})`.as('connected'),
          sql<string>`count(*) filter (where coalesce(calls.abandoned, false))`.as('abandoned'),
          sql<string>`count(*) filter (where coalesce(calls.answering_machine, false))`.as('answering_machines'),
        ])
        .where('deliveries.engagement_id', '=', engagementId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('messages')
        .innerJoin('deliveries', 'deliveries.delivery_id', 'messages.delivery_id')
        .select([
          sql<string>`count(*) filter (where messages.status = 'Sent')`.as('sent'),
          sql<string>`count(*) filter (where messages.status = 'Failed')`.as('failed'),
        ])
        .where('deliveries.engagement_id', '=', engagementId)
        .executeTakeFirstOrThrow(),
      callResultCounts(db, engagementId),
    ]);
    const n = (v: string | number | bigint) => Number(v);
    const placed = n(calls.placed);
    const answered = n(calls.answered);
    res.json({
      engagementId,
      deliveries: {
        total: byStatus.reduce((sum, r) => sum + n(r.n), 0),
        byStatus: Object.fromEntries(byStatus.map((r) => [r.status, n(r.n)])),
        byResult: Object.fromEntries(byResult.map((r) => [r.result, n(r.n)])),
      },
      calls: {
        placed,
        liveAnswers: answered,
        connected: n(calls.connected),
        abandoned: n(calls.abandoned),
        answeringMachines: n(calls.answering_machines),
        // Finished calls by the product's result word (LiveAnswer, NoAnswer, InvalidAddress, …).
        byResult: callResults,
        // Answer rate: live answers per call placed; abandonment: share of live answers abandoned.
        answerRate: placed ? answered / placed : null,
        abandonmentRate: answered ? n(calls.abandoned) / answered : null,
      },
      sms: { sent: n(sms.sent), failed: n(sms.failed) },
    });
  });

  /** The historical dashboard: counts by status, result and dial mode, and by engagement, queue and day. */
  router.get('/v1/reports/history', requireRole(deps.db, 'supervisor'), async (req, res) => {
    const filter = parseRequest(historyQuery, req.query);
    const body: z.infer<typeof historyReportResponse> = { filter, ...(await historyReport(deps.db, filter)) };
    res.json(body);
  });

  router.get('/v1/engagements/:engagementId/export', requireRole(deps.db, 'supervisor'), async (req, res) => {
    const { engagementId } = parseRequest(engagementPath, req.params);
    const query = parseRequest(exportQuery, req.query);
    await requireEngagement(engagementId);
    let rows: Array<Record<string, unknown>>;
    if (query.table === 'deliveries') {
      rows = await deliveryExportRows(deps.db, engagementId);
    } else {
      const attributes = await deps.db
        .selectFrom('delivery_attributes')
        .innerJoin('deliveries', 'deliveries.delivery_id', 'delivery_attributes.delivery_id')
        .select(['delivery_attributes.delivery_id', 'keyword', 'value', 'type'])
        .where('deliveries.engagement_id', '=', engagementId)
        .orderBy('delivery_attributes.id')
        .execute();
      rows = attributes.map((a) => ({
        msdyn_proactive_delivery: a.delivery_id,
        msdyn_keyword: a.keyword,
        msdyn_value: a.value,
        msdyn_type: a.type,
      }));
    }
    if (query.format === 'json') {
      res.json({ engagementId, table: query.table, rows });
      return;
    }
    const columns = rows[0] ? Object.keys(rows[0]) : [];
    res
      .type('text/csv')
      .attachment(`${engagementId}-${query.table}.csv`)
      .send(
        stringify(
          rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, spreadsheetSafe(v)]))),
          { header: true, columns },
        ),
      );
  });

  return router;
}
