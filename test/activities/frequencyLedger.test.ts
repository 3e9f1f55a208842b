/** The cap reservation against a real Postgres: atomic under concurrency, idempotent per intent, by local day. */
import { createFrequencyLedgerActivities, releaseTouch, reserveTouch, type TouchRequest } from '../../activities/frequencyLedger';
import { createDb } from '../../db/connect';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

const request = (touchId: string, contactId: string, at: string, limits: TouchRequest['limits'] = { perDay: 1 }): TouchRequest => ({
  touchId,
  contactId,
  zone: 'America/New_York',
  limits,
  channel: 'voice',
  engagementId: 'e',
  deliveryId: '00000000-0000-4000-8000-000000000001',
  at,
});

/** Resolves for everyone once `n` callers have arrived. */
function barrier(n: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const open = new Promise<void>((resolve) => (release = resolve));
  return () => {
    arrived += 1;
    if (arrived === n) release();
    return open;
  };
}

test('twenty concurrent reservations for the last slot, all begun before any reads: exactly one is granted (ten races)', async () => {
  const racers = 20;
  // One connection per racer: with fewer, the pool would run the transactions one after another.
  const db = createDb(database.url, racers);
  try {
    for (let race = 0; race < 10; race++) {
      const atBarrier = barrier(racers);
      const results = await Promise.all(
        Array.from({ length: racers }, (_, i) =>
          reserveTouch(db, request(`race-${race}-${i}`, `racer-${race}`, '2026-06-01T15:00:00.000Z'), { onTransactionStart: atBarrier }),
        ),
      );
      expect(results.filter((r) => r.granted)).toHaveLength(1);
      const denied = results.find((r) => !r.granted) as { granted: false; freeAt: string | null };
      // Next local midnight in New York (EDT, UTC-4).
      expect(denied.freeAt).toBe('2026-06-02T04:00:00.000Z');
    }
  } finally {
    await db.destroy();
  }
});

test('the same intent reserved twice counts once', async () => {
  const first = await reserveTouch(database.db, request('same-intent', 'repeat', '2026-06-01T15:00:00.000Z'));
  const again = await reserveTouch(database.db, request('same-intent', 'repeat', '2026-06-01T15:05:00.000Z'));
  expect([first.granted, again.granted]).toEqual([true, true]);
  const rows = await database.db.selectFrom('contact_touches').selectAll().where('contact_id', '=', 'repeat').execute();
  expect(rows).toHaveLength(1);
});

test('days are the contact local days, and a released slot is free again', async () => {
  // 23:30 local on June 1 and 00:30 local on June 2 are different days in New York.
  expect((await reserveTouch(database.db, request('late', 'local-days', '2026-06-02T03:30:00.000Z'))).granted).toBe(true);
  expect((await reserveTouch(database.db, request('early', 'local-days', '2026-06-02T04:30:00.000Z'))).granted).toBe(true);
  expect((await reserveTouch(database.db, request('again', 'local-days', '2026-06-02T05:30:00.000Z'))).granted).toBe(false);
  await releaseTouch(database.db, 'early');
  expect((await reserveTouch(database.db, request('again', 'local-days', '2026-06-02T05:30:00.000Z'))).granted).toBe(true);
});

test('a weekly cap counts ISO weeks', async () => {
  const limits = { perWeek: 2 };
  // Monday 2026-06-01 and Wednesday 2026-06-03 fill the week; Sunday 06-07 is still that week; Monday 06-08 is not.
  expect((await reserveTouch(database.db, request('w1', 'weekly', '2026-06-01T15:00:00.000Z', limits))).granted).toBe(true);
  expect((await reserveTouch(database.db, request('w2', 'weekly', '2026-06-03T15:00:00.000Z', limits))).granted).toBe(true);
  expect((await reserveTouch(database.db, request('w3', 'weekly', '2026-06-07T15:00:00.000Z', limits))).granted).toBe(false);
  expect((await reserveTouch(database.db, request('w4', 'weekly', '2026-06-08T15:00:00.000Z', limits))).granted).toBe(true);
});

test('a limit of 0 refuses every touch, with no time at which it frees, and records nothing', async () => {
  expect(await reserveTouch(database.db, request('zero-1', 'zero', '2026-06-01T15:00:00.000Z', { perDay: 0 }))).toEqual({
    granted: false,
    freeAt: null,
  });
  const rows = await database.db.selectFrom('contact_touches').selectAll().where('contact_id', '=', 'zero').execute();
  expect(rows).toHaveLength(0);
});

test('a touch without caps is recorded as it happened, and counts for a later capped touch of another engagement or channel', async () => {
  const uncapped = { ...request('free-sms', 'shared', '2026-06-01T14:00:00.000Z', {}), channel: 'sms' as const, engagementId: 'other' };
  expect(await reserveTouch(database.db, uncapped)).toEqual({ granted: true });
  const row = await database.db.selectFrom('contact_touches').selectAll().where('touch_id', '=', 'free-sms').executeTakeFirstOrThrow();
  expect(row).toMatchObject({ contact_id: 'shared', channel: 'sms', engagement_id: 'other', delivery_id: uncapped.deliveryId });
  expect(row.at.toISOString()).toBe('2026-06-01T14:00:00.000Z');
  expect(await reserveTouch(database.db, request('capped-call', 'shared', '2026-06-01T15:00:00.000Z'))).toEqual({
    granted: false,
    freeAt: '2026-06-02T04:00:00.000Z',
  });
});

test('a touch without caps reserved twice (a retried dial) is recorded once, and still counts for capped touches', async () => {
  const uncapped = request('free-call', 'free-repeat', '2026-06-01T14:00:00.000Z', {});
  expect(await reserveTouch(database.db, uncapped)).toEqual({ granted: true });
  expect(await reserveTouch(database.db, { ...uncapped, at: '2026-06-01T14:05:00.000Z' })).toEqual({ granted: true });
  const rows = await database.db.selectFrom('contact_touches').selectAll().where('contact_id', '=', 'free-repeat').execute();
  expect(rows.map((r) => r.at.toISOString())).toEqual(['2026-06-01T14:00:00.000Z']);
  expect((await reserveTouch(database.db, request('capped-after', 'free-repeat', '2026-06-01T15:00:00.000Z'))).granted).toBe(false);
});

test('uncapped touches racing capped ones for the last slot: every uncapped one is recorded, one capped one is granted', async () => {
  const db = createDb(database.url, 20);
  try {
    const atBarrier = barrier(10);
    const at = '2026-06-01T15:00:00.000Z';
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? reserveTouch(db, request(`mixed-capped-${i}`, 'mixed', at), { onTransactionStart: atBarrier })
          : reserveTouch(db, request(`mixed-free-${i}`, 'mixed', at, {})),
      ),
    );
    const capped = results.filter((_, i) => i % 2 === 0);
    // An uncapped touch that lands first fills the day, so no capped one gets it; otherwise exactly one does.
    expect(capped.filter((r) => r.granted).length).toBeLessThanOrEqual(1);
    expect(results.filter((_, i) => i % 2 === 1).every((r) => r.granted)).toBe(true);
    const rows = await db.selectFrom('contact_touches').select('touch_id').where('contact_id', '=', 'mixed').execute();
    expect(rows.filter((r) => r.touch_id.startsWith('mixed-free'))).toHaveLength(10);
    expect(rows.filter((r) => r.touch_id.startsWith('mixed-capped'))).toHaveLength(capped.filter((r) => r.granted).length);
  } finally {
    await db.destroy();
  }
});

describe('loadContactTouches', () => {
  const loadContactTouches = (input: { contactIds: string[]; at: string }) =>
    createFrequencyLedgerActivities(database.db).loadContactTouches(input);

  test('every contact asked about, in time order, from exactly ten days back, as ISO strings', async () => {
    for (const [id, at] of [
      ['l-3', '2026-06-10T09:00:00.000Z'],
      ['l-1', '2026-06-01T09:00:00.000Z'],
      ['l-2', '2026-06-05T09:00:00.000Z'],
      ['l-old', '2026-06-01T08:59:59.999Z'],
    ] as const)
      await reserveTouch(database.db, request(id, 'loaded', at, {}));
    await reserveTouch(database.db, request('l-other', 'not-asked', '2026-06-05T09:00:00.000Z', {}));
    expect(await loadContactTouches({ contactIds: ['loaded', 'untouched'], at: '2026-06-11T09:00:00.000Z' })).toEqual({
      loaded: ['2026-06-01T09:00:00.000Z', '2026-06-05T09:00:00.000Z', '2026-06-10T09:00:00.000Z'],
      untouched: [],
    });
  });

  test('no contacts: an empty record', async () => {
    expect(await loadContactTouches({ contactIds: [], at: '2026-06-11T09:00:00.000Z' })).toEqual({});
  });
});
