/**
 * The live board over a real Postgres: tiles, backlog by state and abandonment over each engagement's
 * own rule period from the tables; representatives and allowances from the dispatcher's last tick
 * (asked live), or its last recorded tick when the dispatcher does not answer.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import pino from 'pino';
import { engagementBoard, poolBoard } from '../../api/liveBoard';
import { boardResponse } from '../../api/schemas/board';
import type { PacingTickRecord } from '../../db/pacingDecisions';
import { dispatchPoolKey } from '../../domain/dispatch';
import type { DispatcherStatus } from '../../workflows/dispatcherMessages';
import { engagementConfig, insertEngagement, insertOneContactDelivery } from '../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
const config = engagementConfig({ pacingRules: { abandonmentCapPercent: 5, abandonmentWindowHours: 24 } });
const POOL = dispatchPoolKey({ ...config, engagementId: 'board-a' });
const HOUR = 3600_000;

async function delivery(engagementId: string, status: string, waitingFor: string | null, resultDate: Date | null = null) {
  const now = new Date();
  const deliveryId = await insertOneContactDelivery(database.db, engagementId, config, now);
  await database.db
    .updateTable('deliveries')
    .set({
      status,
      result_date: resultDate,
      waiting_for: waitingFor ? JSON.stringify({ reason: waitingFor, detail: { text: waitingFor } }) : null,
    })
    .where('delivery_id', '=', deliveryId)
    .execute();
  return deliveryId;
}

async function call(deliveryId: string, state: string, abandoned: boolean, talkMs: number) {
  const started = new Date(Date.now() - talkMs - 1000);
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
      call_state: state,
      answering_machine: false,
      abandoned,
      requested_at: started,
      started_at: started,
      ended_at: new Date(started.getTime() + talkMs),
      talk_ms: talkMs,
    })
    .execute();
}

async function outcome(engagementId: string, agoMs: number, live: boolean, abandoned: boolean) {
  await database.db
    .insertInto('dispatch_outcomes')
    .values({
      pool_key: POOL,
      engagement_id: engagementId,
      call_id: randomUUID(),
      at: new Date(Date.now() - agoMs),
      ring_ms: 1000,
      live,
      abandoned,
      failed: false,
      wait_ms: null,
    })
    .execute();
}

const inputs: PacingTickRecord['inputs'] = {
  run: 1,
  tick: 9,
  withinOperatingHours: true,
  available: 1,
  busy: 3,
  offline: 2,
  inFlight: 2,
  ringing: 1,
  offers: 0,
  answerProbability: 0.4,
  handleMs: 90_000,
};

/** A Temporal client whose dispatcher answers `status`, or never answers (rejects) when undefined. */
function temporalAnswering(status: DispatcherStatus | undefined): Client {
  const query = () => (status ? Promise.resolve(status) : Promise.reject(new Error('workflow not found')));
  return { workflow: { getHandle: () => ({ query }) } } as unknown as Client;
}
const deps = (temporal: Client) => ({ db: database.db, temporal, taskQueue: 'board-test', logger: pino({ level: 'silent' }) });

beforeAll(async () => {
  database = await createTestDatabase();
  await insertEngagement(database.db, 'board-a', config);
  await insertEngagement(database.db, 'board-b', config);
  await insertEngagement(
    database.db,
    'board-other',
    engagementConfig({ routing: { queueId: 'elsewhere', queueDisplayNumber: '+15550109998' } }),
  );
  await delivery('board-a', 'Pending', 'quiet-hours');
  await delivery('board-a', 'Pending', 'dial-slot');
  await delivery('board-a', 'Pending', 'frequency-cap');
  const done = await delivery('board-a', 'Complete', null, new Date(Date.now() - 10 * 60_000));
  await delivery('board-a', 'Complete', null, new Date(Date.now() - 2 * HOUR)); // not in the last hour's throughput
  await delivery('board-b', 'InProcess', null);
  await delivery('board-other', 'Pending', 'window');
  await call(done, 'Answered', false, 60_000);
  await call(done, 'Answered', true, 0);
  await call(done, 'Failed', false, 0);
  await call(done, 'Answered', false, 120_000);
  // board-a: 4 live answers in its 24 h period, 1 abandoned; one more abandon 30 h ago is outside it.
  for (let i = 0; i < 3; i++) await outcome('board-a', 5 * 60_000, true, false);
  await outcome('board-a', 5 * 60_000, true, true);
  await outcome('board-a', 30 * HOUR, true, true);
  await database.db
    .insertInto('pacing_ticks')
    .values({ tick_id: 'run-9', pool_key: POOL, at: new Date(Date.now() - 60_000), inputs: JSON.stringify(inputs) })
    .execute();
});
afterAll(() => database?.drop());

test("an engagement's tiles, backlog by state and abandonment over its rule's period; the recorded tick when the dispatcher does not answer", async () => {
  const board = boardResponse.parse(await engagementBoard(deps(temporalAnswering(undefined)), 'board-a', 30));
  expect(board.scope).toEqual({ kind: 'engagement', engagementId: 'board-a', poolKey: POOL });
  expect(board.tiles).toMatchObject({ pending: 3, inProgress: 0, completed: 2, total: 5, throughputLastHour: 1, callsPlaced: 4 });
  // 3 open at 1 completed an hour: 3 hours.
  expect(board.tiles.timeRemainingMs).toBe(3 * HOUR);
  expect(board.tiles.connectRate).toBe(0.5);
  expect(board.tiles.abandonedRate).toBe(0.25);
  expect(board.tiles.averageHandleMs).toBe(90_000);
  expect(board.backlog).toEqual({
    window: 0,
    'quiet-hours': 1,
    cap: 1,
    'dial-slot': 1,
    'queue-closed': 0,
    paused: 0,
    reattempt: 0,
    attempting: 0,
  });
  expect(board.abandonment).toEqual({ ratePercent: 25, capPercent: 5, liveAnswers: 4, abandoned: 1 });
  expect(board.engagements[0]!.abandonment).toMatchObject({ windowHours: 24, capPercent: 5, liveAnswers: 4, abandoned: 1 });
  expect(board.representatives).toMatchObject({ source: 'recorded', available: 1, busy: 3, offline: 2, occupancy: 0.75 });
  expect(board.dialing).toMatchObject({ answerProbability: 0.4, handleMs: 90_000, ringing: 1, inFlight: null });
  expect(board.series.minutes).toHaveLength(30);
  expect(board.series.callsPlaced.reduce((a, b) => a + b, 0)).toBe(4);
  // The rolling rate at the last minute is the rule's figure now.
  expect(board.series.abandonPercent.at(-1)).toBe(25);
  expect(board.series.capPercent).toBe(5);
  expect(board.series.backlog.at(-1)).toBe(3);
});

test("a pool's board gathers its engagements; the dispatcher's live tick gives allowances and calls in flight", async () => {
  const lastTick: PacingTickRecord = {
    tickId: 'run-10',
    atMs: Date.now(),
    inputs: { ...inputs, available: 2, busy: 2, offline: 0 },
    engagements: ['board-a', 'board-b'].map((engagementId, i) => ({
      engagementId,
      state: 'active',
      reason: null,
      dialMode: 'progressive',
      waiting: 1 + i,
      inFlight: 1,
      dialModeAllowance: 2,
      ruleAllowance: null,
      allowance: 2,
      granted: 1,
      heldBy: i ? 'dial-mode-limit' : null,
      pausedNow: false,
    })),
  };
  const status: DispatcherStatus = {
    poolKey: POOL,
    run: 1,
    ticks: 10,
    granted: 3,
    idle: false,
    engagements: [],
    answerProbability: 0.4,
    lastTick,
  };
  const board = boardResponse.parse(await poolBoard(deps(temporalAnswering(status)), POOL, 5));
  expect(board.scope).toEqual({ kind: 'pool', poolKey: POOL });
  expect(board.engagements.map((e) => e.engagementId).sort()).toEqual(['board-a', 'board-b']);
  expect(board.tiles).toMatchObject({ pending: 3, inProgress: 1, total: 6 });
  expect(board.backlog.attempting).toBe(1);
  expect(board.representatives).toMatchObject({ source: 'dispatcher', available: 2, busy: 2, offline: 0, occupancy: 0.5 });
  expect(board.dialing).toMatchObject({ inFlight: 2, allowance: 4 });
  expect(board.engagements.find((e) => e.engagementId === 'board-b')).toMatchObject({ waiting: 2, heldBy: 'dial-mode-limit' });
  await expect(poolBoard(deps(temporalAnswering(status)), 'queue:nobody', 5)).rejects.toMatchObject({ status: 404 });
  await expect(engagementBoard(deps(temporalAnswering(status)), 'missing', 5)).rejects.toMatchObject({ status: 404 });
});
