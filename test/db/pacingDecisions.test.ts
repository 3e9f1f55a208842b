/**
 * Pacing decisions in a real Postgres: a write records its tick and decisions once however often it
 * is retried, and the minute aggregates the SQL adds up equal the dispatcher's own in-memory fold
 * (ticks written one by one, or folded and written at once, read back the same).
 */
import fc from 'fast-check';
import { ensurePoolRow, poolQueueState } from '../../db/dispatchPools';
import {
  type PacingEngagementEntry,
  type PacingMinuteBucket,
  type PacingTickRecord,
  pacingDecisions,
  pacingMinutes,
  countRequestGrant,
  purgePacingRecords,
  recordPacing,
} from '../../db/pacingDecisions';
import { addTick } from '../../workflows/pacingTickRecord';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

const base = Date.UTC(2026, 5, 1, 12);

function entry(engagementId: string, over: Partial<PacingEngagementEntry> = {}): PacingEngagementEntry {
  return {
    engagementId,
    state: 'active',
    reason: null,
    dialMode: 'progressive',
    waiting: 0,
    inFlight: 0,
    dialModeAllowance: 0,
    ruleAllowance: null,
    allowance: 0,
    granted: 0,
    heldBy: null,
    pausedNow: false,
    ...over,
  };
}

function tick(tickId: string, atMs: number, engagements: PacingEngagementEntry[], available = 1, busy = 1): PacingTickRecord {
  return {
    tickId,
    atMs,
    inputs: {
      run: 1,
      tick: 1,
      withinOperatingHours: true,
      available,
      busy,
      inFlight: 0,
      ringing: 0,
      offers: 0,
      answerProbability: 0.5,
      handleMs: 1000,
    },
    engagements,
  };
}

const fold = (records: PacingTickRecord[]): PacingMinuteBucket[] => {
  const m = new Map<string, PacingMinuteBucket>();
  for (const r of records) addTick(m, r);
  return [...m.values()];
};

test('a write records its tick, a decision per granted, throttled or paused engagement, and is a no-op when retried', async () => {
  const { db } = database;
  await ensurePoolRow(db, 'queue:q-record');
  const t = tick('run-a-1', base, [
    entry('e-grant', { waiting: 3, granted: 3, allowance: 4 }),
    entry('e-throttle', { waiting: 5, granted: 1, allowance: 1, heldBy: 'dial-mode-limit' }),
    entry('e-paused', { state: 'paused', reason: 'script review', waiting: 2, heldBy: 'paused' }),
    entry('e-quiet'),
  ]);
  const write = { writeId: t.tickId, poolKey: 'queue:q-record', tick: t, buckets: fold([t]), queueOpen: false };
  await recordPacing(db, write);
  await recordPacing(db, write); // a retried activity

  const to = new Date(base + 3600_000);
  const from = new Date(base - 3600_000);
  const kinds = async (id: string) => (await pacingDecisions(db, id, from, to, 10)).map((d) => [d.kind, d.heldBy, d.granted]);
  expect(await kinds('e-grant')).toEqual([['grant', null, 3]]);
  expect(await kinds('e-throttle')).toEqual([['throttle', 'dial-mode-limit', 1]]);
  expect(await kinds('e-paused')).toEqual([['pause', 'paused', 0]]);
  expect(await kinds('e-quiet')).toEqual([]);
  const [paused] = await pacingDecisions(db, 'e-paused', from, to, 10);
  expect(paused).toMatchObject({ tickId: 'run-a-1', pool: 'queue:q-record', engagement: { reason: 'script review', waiting: 2 } });
  expect(paused!.poolInputs).toMatchObject({ available: 1, busy: 1, answerProbability: 0.5 });

  const [minute] = await pacingMinutes(db, 'e-grant', from, to);
  expect(minute).toMatchObject({ ticks: 1, grants: 3, allowance: { min: 4, max: 4, avg: 4 } });
  expect(await poolQueueState(db, 'queue:q-record')).toEqual({ open: false, checkedAt: new Date(base) });
});

const engagementAtTick = fc.record({
  waiting: fc.integer({ min: 0, max: 20 }),
  inFlight: fc.integer({ min: 0, max: 10 }),
  allowance: fc.integer({ min: 0, max: 12 }),
  granted: fc.integer({ min: 0, max: 5 }),
});
const ticks = fc.array(
  fc.record({
    offsetMs: fc.integer({ min: 0, max: 3 * 60_000 - 1 }),
    available: fc.integer({ min: 0, max: 6 }),
    busy: fc.integer({ min: 0, max: 6 }),
    a: engagementAtTick,
    b: fc.option(engagementAtTick, { nil: undefined }),
  }),
  { minLength: 1, maxLength: 25 },
);

let runSeq = 0;
test('the SQL minute aggregates equal the in-memory fold, whether ticks are written one by one or together', async () => {
  const { db } = database;
  await fc.assert(
    fc.asyncProperty(ticks, async (ts) => {
      const run = ++runSeq;
      const records = (prefix: string) =>
        ts.map((t, i) =>
          tick(
            `${prefix}-${run}-${i}`,
            base + t.offsetMs,
            [entry(`${prefix}-a-${run}`, t.a), ...(t.b ? [entry(`${prefix}-b-${run}`, t.b)] : [])],
            t.available,
            t.busy,
          ),
        );
      const single = records('one');
      for (const r of single) await recordPacing(db, { writeId: r.tickId, poolKey: 'queue:p', tick: r, buckets: fold([r]) });
      const together = records('all');
      await recordPacing(db, { writeId: `all-${run}`, poolKey: 'queue:p', buckets: fold(together) });

      const from = new Date(base - 60_000);
      const to = new Date(base + 5 * 60_000);
      for (const e of ['a', 'b']) {
        const one = await pacingMinutes(db, `one-${e}-${run}`, from, to);
        const all = await pacingMinutes(db, `all-${e}-${run}`, from, to);
        expect(one).toEqual(all);
        // And the figures are what they should be: ticks and grants per minute, the allowance's extremes.
        const expected = new Map<string, { ticks: number; grants: number; min: number; max: number }>();
        for (const t of ts) {
          const x = e === 'a' ? t.a : t.b;
          if (!x) continue;
          const minute = new Date(Math.floor((base + t.offsetMs) / 60_000) * 60_000).toISOString();
          const m = expected.get(minute) ?? { ticks: 0, grants: 0, min: Infinity, max: -Infinity };
          expected.set(minute, {
            ticks: m.ticks + 1,
            grants: m.grants + x.granted,
            min: Math.min(m.min, x.allowance),
            max: Math.max(m.max, x.allowance),
          });
        }
        expect(one.map((r) => [r.minute, r.ticks, r.grants, r.allowance?.min, r.allowance?.max])).toEqual(
          [...expected.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([minute, m]) => [minute, m.ticks, m.grants, m.min, m.max]),
        );
      }
    }),
    { numRuns: 25 },
  );
});

test('purging removes ticks, their decisions and minute aggregates older than the cutoff, and keeps newer ones', async () => {
  const { db } = database;
  await ensurePoolRow(db, 'queue:q-purge');
  const old = tick('purge-old', base - 10 * 86_400_000, [entry('e-purge', { waiting: 2, granted: 2, allowance: 2 })]);
  const recent = tick('purge-new', base, [entry('e-purge', { waiting: 2, granted: 1, allowance: 1, heldBy: 'dial-mode-limit' })]);
  for (const t of [old, recent]) await recordPacing(db, { writeId: t.tickId, poolKey: 'queue:q-purge', tick: t, buckets: fold([t]) });
  await countRequestGrant(db, 'queue:q-purge', 'e-purge', new Date(base - 10 * 86_400_000));
  await countRequestGrant(db, 'queue:q-purge', 'e-purge', new Date(base));

  expect(await purgePacingRecords(db, new Date(base - 86_400_000))).toEqual({ ticks: 1, minutes: 2 });
  const all = await pacingDecisions(db, 'e-purge', new Date(0), new Date(base + 3600_000), 10);
  expect(all.map((d) => d.tickId)).toEqual(['purge-new']);
  expect(await pacingMinutes(db, 'e-purge', new Date(0), new Date(base - 86_400_000))).toEqual([]);
  expect(await pacingMinutes(db, 'e-purge', new Date(base - 60_000), new Date(base + 60_000))).toHaveLength(1);
});

test("slots granted at the request are counted in their minute beside the ticks', also in a minute whose ticks are not written yet", async () => {
  const { db } = database;
  await ensurePoolRow(db, 'ai:e-request');
  const t = tick('request-1', base + 5_000, [entry('e-request', { waiting: 1, granted: 1, allowance: 3 })]);
  await recordPacing(db, { writeId: t.tickId, poolKey: 'ai:e-request', tick: t, buckets: fold([t]) });
  // Two in the tick's minute, one in the next minute (no tick written there yet).
  await countRequestGrant(db, 'ai:e-request', 'e-request', new Date(base + 20_000));
  await countRequestGrant(db, 'ai:e-request', 'e-request', new Date(base + 59_999));
  await countRequestGrant(db, 'ai:e-request', 'e-request', new Date(base + 60_000));
  const minutes = await pacingMinutes(db, 'e-request', new Date(base - 60_000), new Date(base + 3600_000));
  expect(minutes).toEqual([
    expect.objectContaining({ minute: new Date(base).toISOString(), pool: 'ai:e-request', ticks: 1, grants: 1, grantsAtRequest: 2 }),
    {
      minute: new Date(base + 60_000).toISOString(),
      pool: 'ai:e-request',
      ticks: 0,
      grants: 0,
      grantsAtRequest: 1,
      allowance: null,
      agents: null,
      inFlight: null,
    },
  ]);
  expect(minutes[0]!.allowance).toEqual({ min: 3, max: 3, avg: 3 });
  // Outside the range asked for: not listed.
  expect(await pacingMinutes(db, 'e-request', new Date(base + 60_000), new Date(base + 120_000))).toHaveLength(1);
  expect(await pacingMinutes(db, 'e-request', new Date(base + 120_000), new Date(base + 180_000))).toEqual([]);
});
