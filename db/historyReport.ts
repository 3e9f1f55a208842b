import { sql } from 'kysely';
import { DELIVERY_STATUSES, type Channel, type DeliveryStatus } from '../domain/delivery/deliveryStatus';
import type { Db } from './connect';

/**
 * The historical dashboard's filters (the seed's admin centre): a period of calendar days read in
 * `timeZone`, and optional channel, queue and engagement.
 */
export interface HistoryFilter {
  /** First day counted (YYYY-MM-DD in timeZone), inclusive. */
  from?: string;
  /** Last day counted (YYYY-MM-DD in timeZone), inclusive. */
  to?: string;
  channel?: Channel;
  queueId?: string;
  engagementId?: string;
  timeZone: string;
}

/** A row of a "by X" table: its total and one count per delivery status (every status present, zeros included). */
export interface HistoryRow {
  key: string;
  total: number;
  byStatus: Record<DeliveryStatus, number>;
}

export interface HistoryReport {
  total: number;
  byStatus: Record<DeliveryStatus, number>;
  byResult: Record<string, number>;
  /** The dial mode the delivery was accepted with; "none" for deliveries without one (SMS). */
  byDialMode: Record<string, number>;
  byEngagement: HistoryRow[];
  byQueue: HistoryRow[];
  /** Calendar days in the filter's time zone, oldest first. */
  byDate: HistoryRow[];
}

/** The key of a delivery without a dial mode or queue (SMS deliveries have neither). */
export const NONE = 'none';

const zeroStatuses = () => Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;

/**
 * One grouped read of the deliveries the filter selects; every figure of the dashboard is summed from
 * the same groups, so the charts and tables agree with each other by construction.
 */
export async function historyReport(db: Db, f: HistoryFilter): Promise<HistoryReport> {
  const day = sql<string>`to_char(created_at at time zone ${f.timeZone}, 'YYYY-MM-DD')`;
  const groups = await db
    .selectFrom('deliveries')
    .select(['engagement_id', 'queue_id', 'dial_mode_type', 'status', 'result', day.as('day'), (eb) => eb.fn.countAll<string>().as('n')])
    // A day starts at local midnight in the zone: the period's bounds are those instants.
    .$if(f.from !== undefined, (q) => q.where('created_at', '>=', sql<Date>`(${f.from}::date)::timestamp at time zone ${f.timeZone}`))
    .$if(f.to !== undefined, (q) => q.where('created_at', '<', sql<Date>`(${f.to}::date + 1)::timestamp at time zone ${f.timeZone}`))
    .$if(f.channel !== undefined, (q) => q.where('channel', '=', f.channel!))
    .$if(f.queueId !== undefined, (q) => q.where('queue_id', '=', f.queueId!))
    .$if(f.engagementId !== undefined, (q) => q.where('engagement_id', '=', f.engagementId!))
    // By the output column's name: the select's expression carries its own parameter for the zone.
    .groupBy(['engagement_id', 'queue_id', 'dial_mode_type', 'status', 'result', sql.ref('day')])
    .execute();

  const report: HistoryReport = {
    total: 0,
    byStatus: zeroStatuses(),
    byResult: {},
    byDialMode: {},
    byEngagement: [],
    byQueue: [],
    byDate: [],
  };
  const tables = {
    byEngagement: new Map<string, HistoryRow>(),
    byQueue: new Map<string, HistoryRow>(),
    byDate: new Map<string, HistoryRow>(),
  };
  const add = (table: Map<string, HistoryRow>, key: string, status: DeliveryStatus, n: number) => {
    let row = table.get(key);
    if (!row) table.set(key, (row = { key, total: 0, byStatus: zeroStatuses() }));
    row.total += n;
    row.byStatus[status] += n;
  };
  for (const g of groups) {
    const n = Number(g.n);
    const status = g.status as DeliveryStatus;
    report.total += n;
    report.byStatus[status] += n;
    if (g.result !== null) report.byResult[g.result] = (report.byResult[g.result] ?? 0) + n;
    const mode = g.dial_mode_type ?? NONE;
    report.byDialMode[mode] = (report.byDialMode[mode] ?? 0) + n;
    add(tables.byEngagement, g.engagement_id, status, n);
    add(tables.byQueue, g.queue_id ?? NONE, status, n);
    add(tables.byDate, g.day, status, n);
  }
  const sorted = (m: Map<string, HistoryRow>) => [...m.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  report.byEngagement = sorted(tables.byEngagement);
  report.byQueue = sorted(tables.byQueue);
  report.byDate = sorted(tables.byDate);
  return report;
}
