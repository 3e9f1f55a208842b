/**
 * The live board's call figures on real Postgres: the average handle time is the talk + wrap-up the
 * dialer reported for connected calls, not the call row's timestamps (which a dialer reporting its
 * result at connect, as the simulator does, makes equal: the board read 0 s).
 */
import { randomUUID } from 'node:crypto';
import { callTotals } from '../../db/liveBoard';
import { engagementConfig, insertEngagement, insertOneContactDelivery } from '../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
const config = engagementConfig();

beforeAll(async () => {
  database = await createTestDatabase();
  for (const id of ['aht', 'aht-seed004', 'aht-other']) await insertEngagement(database.db, id, config);
});
afterAll(() => database?.drop());

async function delivery(engagementId: string): Promise<string> {
  return insertOneContactDelivery(database.db, engagementId, config);
}

/** A finished call as the engine stores it when the result comes at connect: placed and ended in the same second. */
async function call(
  deliveryId: string,
  facts: { state: string; answeringMachine?: boolean; abandoned?: boolean; talkMs?: number | null; wrapMs?: number | null },
) {
  const at = new Date();
  await database.db
    .insertInto('calls')
    .values({
      call_id: randomUUID(),
      delivery_id: deliveryId,
      attempt_number: 1,
      contact_id: 'c',
      phone_type: 'mobile',
      to_address: '+15550000000',
      from_address: '+15550109999',
      unique_id: randomUUID(),
      call_state: facts.state,
      answering_machine: facts.answeringMachine ?? false,
      abandoned: facts.abandoned ?? false,
      talk_ms: facts.talkMs ?? null,
      wrap_ms: facts.wrapMs ?? null,
      requested_at: at,
      started_at: at,
      ended_at: new Date(at.getTime() + 40),
    })
    .execute();
}

test('the average handle time is the mean talk + wrap-up of the connected calls the dialer reported them for', async () => {
  const d = await delivery('aht');
  await call(d, { state: 'Answered', talkMs: 60_000, wrapMs: 10_000 });
  await call(d, { state: 'Answered', talkMs: 120_000 }); // no wrap-up reported: none
  await call(d, { state: 'Answered', talkMs: 0, wrapMs: 5_000 });
  await call(d, { state: 'Answered' }); // connected, durations not reported: not averaged as 0 s
  await call(d, { state: 'Answered', abandoned: true, talkMs: 999_000 }); // not connected
  await call(d, { state: 'Answered', answeringMachine: true, talkMs: 999_000 }); // a machine
  await call(d, { state: 'Failed' });
  await call(await delivery('aht-other'), { state: 'Answered', talkMs: 999_000 }); // another engagement
  expect(await callTotals(database.db, ['aht'])).toEqual({
    placed: 7,
    connected: 4,
    abandoned: 1,
    averageHandleMs: (70_000 + 120_000 + 5_000) / 3,
  });
});

test('no handle time (null, not 0 s) when the dialer reported no conversation', async () => {
  const d = await delivery('aht-seed004');
  await call(d, { state: 'Answered' });
  await call(d, { state: 'Answered' });
  expect(await callTotals(database.db, ['aht-seed004'])).toMatchObject({ connected: 2, averageHandleMs: null });
});
