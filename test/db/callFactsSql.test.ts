/**
 * "Live answer" and "connected" have one definition (domain/callState.ts); their SQL form is generated
 * from it. Every combination of stored call facts gets the same answer from Postgres and from TypeScript.
 */
import { sql } from 'kysely';
import { connectedCallSql, liveAnswerSql } from '../../db/callFactsSql';
import { FINAL_CALL_STATES, isConnectedCall, isLiveAnswer, type StoredCallFacts } from '../../domain/callState';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

const STATES: Array<string | null> = [...FINAL_CALL_STATES, 'NotPlaced', 'Dialing', null];
const FLAGS: Array<boolean | null> = [true, false, null];
const combinations: StoredCallFacts[] = STATES.flatMap((state) =>
  FLAGS.flatMap((answeringMachine) => FLAGS.map((abandoned) => ({ state, answeringMachine, abandoned }))),
);

test('Postgres and TypeScript agree on live answers and connected calls over every combination of call facts', async () => {
  const db = database.db;
  // A table shaped like `calls` (its columns and types) without its foreign keys, so rows need no delivery.
  await sql`create table call_facts_probe (like calls including defaults)`.execute(db);
  await db
    .insertInto('call_facts_probe' as 'calls')
    .values(
      combinations.map((f, i) => ({
        call_id: `probe-${i}`,
        delivery_id: '00000000-0000-4000-8000-000000000001',
        attempt_number: 1,
        contact_id: 'c',
        phone_type: 'mobile',
        to_address: '+15550100001',
        from_address: '+15550109999',
        requested_at: new Date(),
        call_state: f.state,
        answering_machine: f.answeringMachine ?? null,
        abandoned: f.abandoned ?? null,
      })),
    )
    .execute();
  const rows = await db
    .selectFrom('call_facts_probe as calls' as 'calls')
    .select(['call_id', liveAnswerSql().as('live'), connectedCallSql().as('connected')])
    .execute();
  expect(rows).toHaveLength(combinations.length);
  const byId = new Map(rows.map((r) => [r.call_id, r]));
  const mismatches = combinations.flatMap((f, i) => {
    const row = byId.get(`probe-${i}`);
    const expected = { live: isLiveAnswer(f), connected: isConnectedCall(f) };
    return row && row.live === expected.live && row.connected === expected.connected ? [] : [{ facts: f, sql: row, expected }];
  });
  expect(mismatches).toEqual([]);
  // The definitions are not vacuous: some combinations are live, fewer are connected.
  expect(combinations.filter(isLiveAnswer)).toHaveLength(6);
  expect(combinations.filter(isConnectedCall)).toHaveLength(4);
});
