import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import { registerDatabaseGauges } from './metricsDatabase';

/**
 * Prometheus metrics on their own registry (one per app, so tests can run several): this process's
 * HTTP requests and default process metrics, and, read from Postgres at scrape time, database-wide
 * figures labelled `scope="database"` (every API replica exports the same values: aggregate them with
 * `max without (instance)`, never `sum`, see README "Metrics"): deliveries by status and result, calls
 * by state, abandonment, the dispatch backlog, paused engagements, and the board's gauges.
 */
export const DATABASE_SCOPE = { scope: 'database' } as const;

export function createMetrics(db: Db) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'engine_api_' });
  const requests = new Counter({
    name: 'engine_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'engine_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'engine_deliveries',
    help: 'Deliveries by engagement, channel, status and result',
    labelNames: ['engagement', 'channel', 'status', 'result', 'scope'] as const,
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('deliveries')
        .select(['engagement_id', 'channel', 'status', 'result', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy(['engagement_id', 'channel', 'status', 'result'])
        .execute();
      this.reset();
      for (const r of rows)
        this.set(
          { engagement: r.engagement_id, channel: r.channel, status: r.status, result: r.result ?? '', ...DATABASE_SCOPE },
          Number(r.n),
        );
    },
  });
  new Gauge({
    name: 'engine_calls',
    help: 'Calls by final call state (Dialing while in progress)',
    labelNames: ['state', 'scope'] as const,
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('calls')
        .select([sql<string>`coalesce(call_state, 'Dialing')`.as('state'), (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy(sql`coalesce(call_state, 'Dialing')`)
        .execute();
      this.reset();
      for (const r of rows) this.set({ state: r.state, ...DATABASE_SCOPE }, Number(r.n));
    },
  });
  new Gauge({
    name: 'engine_abandoned_calls',
    help: 'Live answers abandoned (no representative in time)',
    labelNames: ['scope'] as const,
    registers: [registry],
    async collect() {
      const row = await db
        .selectFrom('calls')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('abandoned', '=', true)
        .executeTakeFirstOrThrow();
      this.set(DATABASE_SCOPE, Number(row.n));
    },
  });

  new Gauge({
    name: 'engine_dispatch_backlog',
    help: 'Deliveries in the dispatch backlog by engagement and state (waiting, offered, granted)',
    labelNames: ['engagement', 'state', 'scope'] as const,
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('dispatch_queue')
        .select(['engagement_id', 'state', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy(['engagement_id', 'state'])
        .execute();
      this.reset();
      for (const r of rows) this.set({ engagement: r.engagement_id, state: r.state, ...DATABASE_SCOPE }, Number(r.n));
    },
  });
  new Gauge({
    name: 'engine_engagement_paused',
    help: '1 while an engagement is paused (by an operator or a pacing rule)',
    labelNames: ['engagement', 'scope'] as const,
    registers: [registry],
    async collect() {
      const rows = await db.selectFrom('engagements').select(['engagement_id', 'state']).execute();
      this.reset();
      for (const r of rows) this.set({ engagement: r.engagement_id, ...DATABASE_SCOPE }, r.state === 'paused' ? 1 : 0);
    },
  });
  registerDatabaseGauges(db, registry);

  const middleware: RequestHandler = (req, res, next) => {
    const stop = duration.startTimer();
    res.on('finish', () => {
      // The route pattern, not the URL: ids would make label values unbounded.
      const route = (req.route?.path as string | undefined) ?? 'unmatched';
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
      stop({ method: req.method, route });
    });
    next();
  };
  return { registry, middleware };
}
