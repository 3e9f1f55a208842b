/**
 * The outcomes pacing learns from, read back from a real Postgres: in order after the cursor, one
 * pool only, with what the tick needs to tell the ring before an answer from the wait after it.
 */
import { outcomesAfter } from '../../db/dispatchOutcomes';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

test('outcomes after the cursor, oldest first, with their engagement and the wait the dialer reported', async () => {
  const at = new Date(Date.UTC(2026, 5, 1, 12));
  const row = (callId: string, poolKey: string, over: { live: boolean; abandoned: boolean | null; wait_ms: number | null }) => ({
    pool_key: poolKey,
    engagement_id: `eng-${callId}`,
    call_id: callId,
    at,
    ring_ms: 9000,
    failed: false,
    ...over,
  });
  await database.db
    .insertInto('dispatch_outcomes')
    .values([
      row('c1', 'queue:q', { live: true, abandoned: false, wait_ms: 1500 }),
      row('c2', 'queue:other', { live: true, abandoned: false, wait_ms: 0 }),
      row('c3', 'queue:q', { live: true, abandoned: true, wait_ms: null }),
      row('c4', 'queue:q', { live: false, abandoned: false, wait_ms: null }),
    ])
    .execute();
  const all = await outcomesAfter(database.db, 'queue:q', '0', 10);
  expect(all.map(({ id: _id, ...o }) => o)).toEqual([
    { atMs: at.getTime(), ringMs: 9000, live: true, abandoned: false, engagementId: 'eng-c1', waitMs: 1500 },
    { atMs: at.getTime(), ringMs: 9000, live: true, abandoned: true, engagementId: 'eng-c3', waitMs: null },
    { atMs: at.getTime(), ringMs: 9000, live: false, abandoned: false, engagementId: 'eng-c4', waitMs: null },
  ]);
  const after = await outcomesAfter(database.db, 'queue:q', all[0]!.id, 1);
  expect(after.map((o) => o.engagementId)).toEqual(['eng-c3']);
});
