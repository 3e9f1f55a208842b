/**
 * The live board's figures as Prometheus gauges, read from Postgres at scrape time and labelled
 * `scope="database"` (the same on every API replica): occupancy and representatives by presence per
 * pool (its dispatcher's last recorded tick), calls in flight, abandonment over each engagement's own
 * rule period against its cap, and open deliveries by what they wait for.
 */
import { Gauge, type Registry } from 'prom-client';
import type { Db } from '../db/connect';
import { dispatchedEngagements } from '../db/dispatchEngagements';
import { engagementFiguresSince } from '../db/dispatchOutcomes';
import type { PacingTickInputs } from '../db/pacingDecisions';
import { inFlightPerEngagement, lastRecordedTicks, openByWaitReasonPerEngagement } from '../db/liveBoard';
import { backlogStateOf, occupancy } from '../domain/board/liveBoard';
import { abandonmentRate, DEFAULT_PACING_RULES, rulesPeriodStartMs } from '../domain/dispatch';

const scope = 'database';

export function registerDatabaseGauges(db: Db, registry: Registry): void {
  const gauge = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    collect: (g: Gauge<L | 'scope'>) => Promise<void>,
  ) =>
    new Gauge<L | 'scope'>({
      name,
      help,
      labelNames: [...labelNames, 'scope'],
      registers: [registry],
      async collect() {
        await collect(this);
      },
    });

  gauge(
    'engine_pool_occupancy_ratio',
    "Busy share of a pool's staffed representatives (its dispatcher's last recorded tick)",
    ['pool'],
    async (g) => {
      g.reset();
      for (const t of await lastRecordedTicks(db)) {
        const inputs = t.inputs as unknown as PacingTickInputs;
        const value = occupancy(inputs.available, inputs.busy);
        if (value !== null) g.set({ pool: t.poolKey, scope }, value);
      }
    },
  );
  gauge(
    'engine_pool_representatives',
    "A pool's representatives by presence (its dispatcher's last recorded tick)",
    ['pool', 'presence'],
    async (g) => {
      g.reset();
      for (const t of await lastRecordedTicks(db)) {
        const inputs = t.inputs as unknown as PacingTickInputs;
        g.set({ pool: t.poolKey, presence: 'available', scope }, inputs.available);
        g.set({ pool: t.poolKey, presence: 'busy', scope }, inputs.busy);
        if (inputs.offline !== undefined) g.set({ pool: t.poolKey, presence: 'offline', scope }, inputs.offline);
      }
    },
  );
  gauge('engine_calls_in_flight', 'Dial slots offered or granted (calls in flight), by engagement', ['engagement'], async (g) => {
    g.reset();
    for (const r of await inFlightPerEngagement(db)) g.set({ engagement: r.engagementId, scope }, r.count);
  });
  /** The voice engagements with their pacing rules. */
  const voiceEngagements = async () => {
    const ids = (await db.selectFrom('engagements').select('engagement_id').where('channel', '=', 'voice').execute()).map(
      (r) => r.engagement_id,
    );
    return (await dispatchedEngagements(db, ids)).map((row) => ({ row, rules: { ...DEFAULT_PACING_RULES, ...row.config.pacingRules } }));
  };
  gauge('engine_abandonment_cap_ratio', "The abandonment cap of an engagement's pacing rule", ['engagement'], async (g) => {
    g.reset();
    for (const { row, rules } of await voiceEngagements())
      g.set({ engagement: row.engagementId, scope }, rules.abandonmentCapPercent / 100);
  });
  gauge(
    'engine_abandonment_rolling_ratio',
    "Abandoned live answers over the engagement's pacing-rule window (from its last resume), as a share of live answers",
    ['engagement'],
    async (g) => {
      g.reset();
      for (const { row, rules } of await voiceEngagements()) {
        const f = await engagementFiguresSince(db, row.engagementId, new Date(rulesPeriodStartMs(rules, row.rulesSince, Date.now())));
        g.set({ engagement: row.engagementId, scope }, abandonmentRate(f));
      }
    },
  );
  gauge(
    'engine_backlog',
    'Open deliveries by engagement and backlog state (what they wait for; attempting: nothing)',
    ['engagement', 'state'],
    async (g) => {
      g.reset();
      const sums = new Map<string, { engagement: string; state: string; n: number }>();
      for (const r of await openByWaitReasonPerEngagement(db)) {
        const state = backlogStateOf(r.reason);
        const key = `${r.engagementId}|${state}`;
        const entry = sums.get(key) ?? { engagement: r.engagementId, state, n: 0 };
        entry.n += r.count;
        sums.set(key, entry);
      }
      for (const e of sums.values()) g.set({ engagement: e.engagement, state: e.state, scope }, e.n);
    },
  );
}
