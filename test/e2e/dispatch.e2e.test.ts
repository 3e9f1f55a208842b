/**
 * Dispatch end to end on the real dev server, Postgres, the HTTP simulator (dialer + availability),
 * a worker and the API: priority, round-robin, in-flight limits per dial mode, pause/resume by an
 * operator and by the abandonment rule, preview, and continue-as-new of the dispatcher under load.
 */
import { engagementFiguresSince } from '../../db/dispatchOutcomes';
import { dispatcherWorkflowId } from '../../temporal/workflowIds';
import type { DispatcherStatus } from '../../workflows/dispatcherMessages';
import type { SimulatedCall } from '../../simulator/dialerSimulator';
import { maxInFlight } from '../helpers/dialerLog';
import { engineApi } from '../helpers/engineApi';
import {
  deliveriesFinal,
  deliveryReached,
  dispatcherAtRest,
  dispatcherStatus,
  dispatcherTicked,
  engagementSeen,
  eventually,
} from '../helpers/waiting';
import { useEngineStack } from '../helpers/useEngineStack';

const TASK_QUEUE = 'e2e-dispatch';
// Short ticks and runs, so a few dozen deliveries make the dispatcher continue-as-new several times;
// a pool that had work stays awake 8 quiet ticks before it goes idle (the dev server fires a 250 ms
// timer up to a second late, so that is 2-8 s).
const QUIET_TICKS = 8;
const e2e = useEngineStack(TASK_QUEUE, { dispatcherOptions: { tickMs: 250, maxHistoryEvents: 40, idleAfterQuietTicks: QUIET_TICKS } });
afterEach(() => e2e.stack.simulator.reset());

const { as, engagement, deliver, nextNumber } = engineApi(e2e, '030');

async function waitingCount(engagementId: string): Promise<number> {
  const row = await e2e.stack.database.db
    .selectFrom('dispatch_queue')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('engagement_id', '=', engagementId)
    .where('state', '=', 'waiting')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const allFinal = (ids: string[], timeoutMs?: number) => deliveriesFinal(e2e.stack.database.db, ids, timeoutMs);
const dispatcherOf = (queueId: string) => dispatcherWorkflowId(TASK_QUEUE, `queue:${queueId}`);
const aiDispatcherOf = (engagementId: string) => dispatcherWorkflowId(TASK_QUEUE, `ai:${engagementId}`);
/**
 * The pool's dispatcher went idle having seen the engagement in this state. (It is not woken for a
 * paused engagement's new deliveries: their count may be older than the backlog's.)
 */
const atRest = (dispatcherId: string, engagementId: string, seen: (e: DispatcherStatus['engagements'][number]) => boolean) =>
  dispatcherAtRest(e2e.stack.temporal, dispatcherId, (s) => {
    const e = engagementSeen(s, engagementId);
    return e !== undefined && seen(e);
  });

const callsTo = (numbers: string[]): SimulatedCall[] =>
  e2e.stack.simulator.dialer.listCalls().filter((c) => numbers.includes(c.destination));

test('strict priority: a Critical engagement is served before a Normal one on the same queue', async () => {
  await engagement('prio-normal', 'q-prio');
  await engagement('prio-critical', 'q-prio', { priority: 'Critical' });
  e2e.stack.simulator.dialer.closedQueues.add('q-prio');
  e2e.stack.simulator.dialer.setRepresentatives({ count: 1, handleMs: 200 });
  const normal = [await deliver('prio-normal'), await deliver('prio-normal'), await deliver('prio-normal')];
  const critical = [await deliver('prio-critical'), await deliver('prio-critical'), await deliver('prio-critical')];
  await eventually(
    async () => (await waitingCount('prio-normal')) + (await waitingCount('prio-critical')),
    (n) => n === 6,
  );
  // The queue is closed, so the dispatcher keeps ticking without granting: two ticks that saw all six.
  await dispatcherTicked(e2e.stack.temporal, dispatcherOf('q-prio'), 2);
  expect(await waitingCount('prio-normal')).toBe(3);
  expect(callsTo([...normal, ...critical].map((d) => d.number))).toHaveLength(0);

  e2e.stack.simulator.dialer.closedQueues.delete('q-prio');
  await allFinal([...normal, ...critical].map((d) => d.deliveryId));
  const order = callsTo([...normal, ...critical].map((d) => d.number)).map((c) =>
    critical.some((d) => d.number === c.destination) ? 'critical' : 'normal',
  );
  expect(order).toEqual(['critical', 'critical', 'critical', 'normal', 'normal', 'normal']);
  expect(maxInFlight(callsTo([...normal, ...critical].map((d) => d.number)))).toBe(1);
});

test('round-robin between engagements of equal priority; a priority change takes effect live', async () => {
  await engagement('rr-a', 'q-rr');
  await engagement('rr-b', 'q-rr');
  e2e.stack.simulator.dialer.closedQueues.add('q-rr');
  e2e.stack.simulator.dialer.setRepresentatives({ count: 1, handleMs: 200 });
  const a = [await deliver('rr-a'), await deliver('rr-a'), await deliver('rr-a')];
  const b = [await deliver('rr-b'), await deliver('rr-b'), await deliver('rr-b')];
  await eventually(
    async () => (await waitingCount('rr-a')) + (await waitingCount('rr-b')),
    (n) => n === 6,
  );
  e2e.stack.simulator.dialer.closedQueues.delete('q-rr');
  await allFinal([...a, ...b].map((d) => d.deliveryId));
  const order = callsTo([...a, ...b].map((d) => d.number)).map((c) => (a.some((d) => d.number === c.destination) ? 'a' : 'b'));
  for (let i = 1; i < order.length; i++) expect(order[i]).not.toBe(order[i - 1]);

  // Reprioritise through the API (an update on the live dispatcher): rr-b now goes first.
  const changed = await as('supervisor').raw('PUT', '/v1/engagements/rr-b/priority', JSON.stringify({ priority: 'High' }), {
    'Content-Type': 'application/json',
  });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({ engagementId: 'rr-b', priority: 'High', state: 'active' });
  expect((await as('admin').get('/v1/engagements/rr-b')).body.priority).toBe('High');
  e2e.stack.simulator.dialer.closedQueues.add('q-rr');
  const a2 = [await deliver('rr-a'), await deliver('rr-a')];
  const b2 = [await deliver('rr-b'), await deliver('rr-b')];
  await eventually(
    async () => (await waitingCount('rr-a')) + (await waitingCount('rr-b')),
    (n) => n === 4,
  );
  e2e.stack.simulator.dialer.closedQueues.delete('q-rr');
  await allFinal([...a2, ...b2].map((d) => d.deliveryId));
  expect(callsTo([...a2, ...b2].map((d) => d.number)).map((c) => (b2.some((d) => d.number === c.destination) ? 'b' : 'a'))).toEqual([
    'b',
    'b',
    'a',
    'a',
  ]);
  const bad = await as('supervisor').raw('PUT', '/v1/engagements/rr-b/priority', JSON.stringify({ priority: 'Urgent' }), {
    'Content-Type': 'application/json',
  });
  expect(bad.status).toBe(400);
});

test('progressive never has more calls ringing than available representatives × calls per representative', async () => {
  await engagement('prog', 'q-prog', { dialModeSettings: { callsPerRepresentative: 2 } });
  e2e.stack.simulator.dialer.setRepresentatives({ count: 2, handleMs: 300 });
  const numbers = Array.from({ length: 16 }, () => nextNumber());
  for (const n of numbers) e2e.stack.simulator.dialer.setNumber(n, { state: 'No Answer', ringMs: 1500 });
  const ds = [];
  for (const n of numbers) ds.push(await deliver('prog', n));
  await allFinal(ds.map((d) => d.deliveryId));
  const calls = callsTo(numbers);
  expect(calls).toHaveLength(16);
  expect(maxInFlight(calls)).toBeLessThanOrEqual(4);
  expect(maxInFlight(calls)).toBeGreaterThanOrEqual(3); // it does use the room it has
});

test('the average-wait rule reads the waits the dialer reports for connected live answers', async () => {
  await engagement('waits', 'q-waits');
  e2e.stack.simulator.dialer.setRepresentatives({ count: 1, handleMs: 100 });
  const ds = [await deliver('waits'), await deliver('waits')];
  await allFinal(ds.map((d) => d.deliveryId));
  const outcomes = await e2e.stack.database.db
    .selectFrom('dispatch_outcomes')
    .select(['live', 'abandoned', 'wait_ms'])
    .where('engagement_id', '=', 'waits')
    .execute();
  expect(outcomes).toHaveLength(2);
  for (const o of outcomes) expect(o).toMatchObject({ live: true, abandoned: false, wait_ms: expect.any(Number) });
});

/**
 * An AI-agent engagement of at most 3 calls and no representatives, and `count` fresh numbers that ring
 * `ringMs` unanswered: the setting of each AI agent test.
 */
async function aiAgentEngagement(engagementId: string, queueId: string, count: number, ringMs: number): Promise<string[]> {
  await engagement(engagementId, queueId, {
    engagementType: 'ai-agent',
    dialMode: 'ai-agent',
    dialModeSettings: { maxConcurrentAiCalls: 3 },
  });
  e2e.stack.simulator.dialer.setRepresentatives({ count: 0, handleMs: 0 });
  const numbers = Array.from({ length: count }, () => nextNumber());
  for (const n of numbers) e2e.stack.simulator.dialer.setNumber(n, { state: 'No Answer', ringMs });
  return numbers;
}

/** The engagement's slots granted by the dispatcher's ticks and at the request, as its pacing minutes count them. */
async function grantCounts(engagementId: string): Promise<{ byTicks: number; atRequest: number }> {
  const { minutes } = (await as('supervisor').get(`/v1/engagements/${engagementId}/pacing`)).body as {
    minutes: Array<{ grants: number; grantsAtRequest: number }>;
  };
  return { byTicks: minutes.reduce((n, m) => n + m.grants, 0), atRequest: minutes.reduce((n, m) => n + m.grantsAtRequest, 0) };
}

test('AI agent: at most the engagement maximum in flight, with no representatives at all', async () => {
  const numbers = await aiAgentEngagement('ai', 'q-ai', 10, 1200);
  const ds = [];
  for (const n of numbers) ds.push(await deliver('ai', n));
  await allFinal(ds.map((d) => d.deliveryId));
  const calls = callsTo(numbers);
  expect(calls).toHaveLength(10);
  expect(maxInFlight(calls)).toBeLessThanOrEqual(3);
  expect(maxInFlight(calls)).toBeGreaterThanOrEqual(2);
});

test('AI agent: a request the pool has room for is granted on the spot; at the limit it waits for the dispatcher', async () => {
  // Long enough rings that the first three calls are all still in flight when the last two arrive.
  const numbers = await aiAgentEngagement('ai-now', 'q-ai-now', 5, 6_000);
  const dialled = (k: number) =>
    eventually(
      async () => callsTo(numbers).length,
      (n) => n >= k,
    );
  // The first wakes the dispatcher (its tick grants it and sees the queue open).
  const ds = [await deliver('ai-now', numbers[0])];
  await dialled(1);
  // Two more while one rings: room, nothing waiting, the dispatcher awake — granted at the request.
  ds.push(await deliver('ai-now', numbers[1]), await deliver('ai-now', numbers[2]));
  await dialled(3);
  // Three of three in flight: these wait, and the dispatcher grants them as calls end.
  ds.push(await deliver('ai-now', numbers[3]), await deliver('ai-now', numbers[4]));
  await eventually(
    () => waitingCount('ai-now'),
    (n) => n === 2,
  );
  await allFinal(ds.map((d) => d.deliveryId));
  const calls = callsTo(numbers);
  expect(calls).toHaveLength(5);
  expect(maxInFlight(calls)).toBe(3);
  // The pacing minutes count both kinds: the two granted at the request, the three by the dispatcher's ticks.
  expect(await grantCounts('ai-now')).toEqual({ byTicks: 3, atRequest: 2 });
});

test('AI agent: a delivery soon after the last call ended is granted at the request; once the pool went idle, one waits for a tick', async () => {
  const numbers = await aiAgentEngagement('ai-gap', 'q-ai-gap', 3, 100);
  // The first wakes the dispatcher: granted by its tick.
  const first = await deliver('ai-gap', numbers[0]);
  await allFinal([first.deliveryId]);
  // Nothing waits and nothing is in flight, but the pool just had work: the dispatcher is still awake.
  const second = await deliver('ai-gap', numbers[1]);
  await allFinal([second.deliveryId]);
  expect(await grantCounts('ai-gap')).toEqual({ byTicks: 1, atRequest: 1 });
  const quietFrom = await dispatcherStatus(e2e.stack.temporal, aiDispatcherOf('ai-gap'));
  const rest = await dispatcherAtRest(e2e.stack.temporal, aiDispatcherOf('ai-gap'));
  // Quiet since the second call ended, a little before this read: it went idle well after the first quiet tick.
  expect(rest.ticks - quietFrom.ticks).toBeGreaterThanOrEqual(QUIET_TICKS / 2);
  // Idle: an arrival wakes it and waits for its tick.
  const third = await deliver('ai-gap', numbers[2]);
  await allFinal([third.deliveryId]);
  expect(await grantCounts('ai-gap')).toEqual({ byTicks: 2, atRequest: 1 });
});

test('AI agent failure with "stop immediately" pauses the engagement at the first failed call', async () => {
  await engagement('ai-fail', 'q-ai-fail', {
    engagementType: 'ai-agent',
    dialMode: 'ai-agent',
    dialModeSettings: { maxConcurrentAiCalls: 1 },
    pacingRules: { aiFailure: { stop: 'immediately' } },
  });
  const failing = nextNumber();
  e2e.stack.simulator.dialer.setNumber(failing, { state: 'Error', ringMs: 100 });
  const first = await deliver('ai-fail', failing);
  const rest = [await deliver('ai-fail'), await deliver('ai-fail')];
  const row = await eventually(
    async () => (await as('admin').get('/v1/engagements/ai-fail')).body,
    (e) => e.state === 'paused',
  );
  expect(row.stateReason).toMatch(/AI agent call failed/);
  await allFinal([first.deliveryId]);
  // Idle means every call it granted has ended and it grants no more while paused.
  await atRest(aiDispatcherOf('ai-fail'), 'ai-fail', (e) => e.state === 'paused' && e.inFlight === 0);
  expect(callsTo(rest.map((d) => d.number)).length).toBeLessThanOrEqual(1); // at most one was already in flight
  expect(await waitingCount('ai-fail')).toBe(2 - callsTo(rest.map((d) => d.number)).length);
  expect((await as('supervisor').post('/v1/engagements/ai-fail/resume', {})).status).toBe(200);
  await allFinal(rest.map((d) => d.deliveryId));
});

test('an operator pauses and resumes a campaign; the answer says whether it took effect', async () => {
  await engagement('pause-op', 'q-pause');
  const paused = await as('supervisor').post('/v1/engagements/pause-op/pause', { reason: 'script review' });
  expect(paused.status).toBe(200);
  expect(paused.body).toMatchObject({ engagementId: 'pause-op', state: 'paused', reason: 'script review' });
  expect((await as('supervisor').post('/v1/engagements/pause-op/pause', {})).status).toBe(409);
  expect((await as('integration').post('/v1/engagements/pause-op/pause', {})).status).toBe(403);

  const ds = [await deliver('pause-op'), await deliver('pause-op')];
  await eventually(
    () => waitingCount('pause-op'),
    (n) => n === 2,
  );
  // A paused engagement's deliveries do not wake the dispatcher; a neighbour's on the same pool does,
  // and it is dialled while both of pause-op's stay waiting.
  await engagement('pause-neighbour', 'q-pause');
  await allFinal([(await deliver('pause-neighbour')).deliveryId]);
  await atRest(dispatcherOf('q-pause'), 'pause-op', (e) => e.state === 'paused' && e.waiting === 2);
  expect(await waitingCount('pause-op')).toBe(2);
  expect(callsTo(ds.map((d) => d.number))).toHaveLength(0);
  expect((await as('admin').get('/v1/engagements/pause-op')).body).toMatchObject({ state: 'paused', stateReason: 'script review' });
  const metrics = await (
    await fetch(`${e2e.stack.apiUrl}/metrics`, { headers: { Authorization: `Bearer ${e2e.keys.supervisor}` } })
  ).text();
  expect(metrics).toContain('engine_engagement_paused{engagement="pause-op",scope="database"} 1');
  expect(metrics).toContain('engine_dispatch_backlog{engagement="pause-op",state="waiting",scope="database"} 2');

  const resumed = await as('supervisor').post('/v1/engagements/pause-op/resume', {});
  expect(resumed.body).toMatchObject({ state: 'active' });
  const rows = await allFinal(ds.map((d) => d.deliveryId));
  expect(rows.every((r) => r.result === 'CallEnded')).toBe(true);
  const again = await as('supervisor').post('/v1/engagements/pause-op/resume', {});
  expect(again.status).toBe(409);
  expect(again.body.error.message).toMatch(/not paused/);
});

test('abandonment over the cap pauses the engagement until an operator resumes it', async () => {
  // One call at a time (queue share 10% of 10 representatives), so the rule sees each abandon in turn.
  await engagement('abandon', 'q-abandon', { pacingRules: { abandonmentCapPercent: 3, minimumLiveAnswers: 2, maxQueueSharePercent: 10 } });
  const numbers = Array.from({ length: 5 }, () => nextNumber());
  for (const n of numbers) e2e.stack.simulator.dialer.setNumber(n, { state: 'Answered', ringMs: 200, abandoned: true });
  const ds = [];
  for (const n of numbers) ds.push(await deliver('abandon', n));
  const engagementRow = await eventually(
    async () => (await as('admin').get('/v1/engagements/abandon')).body,
    (e) => e.state === 'paused',
  );
  expect(engagementRow.stateReason).toMatch(/abandonment 100\.0% of 2 live answers/);
  await atRest(dispatcherOf('q-abandon'), 'abandon', (e) => e.state === 'paused' && e.inFlight === 0);
  const dialled = callsTo(numbers).length;
  expect(dialled).toBe(2);
  expect(await waitingCount('abandon')).toBe(3);

  for (const n of numbers) e2e.stack.simulator.dialer.setNumber(n, { state: 'Answered', ringMs: 200 });
  expect((await as('supervisor').post('/v1/engagements/abandon/resume', {})).status).toBe(200);
  const rows = await allFinal(ds.map((d) => d.deliveryId));
  expect(rows.filter((r) => r.result === 'CallEnded')).toHaveLength(3);
  expect((await as('admin').get('/v1/engagements/abandon')).body.state).toBe('active');
});

test('preview: offered to a representative, accepted over the API, dialled after the countdown', async () => {
  await engagement('preview', 'q-preview', { dialMode: 'preview', dialModeSettings: { previewCountdownSeconds: 1 } });
  e2e.stack.simulator.dialer.setRepresentatives({ count: 1, handleMs: 200 });
  const d = await deliver('preview', nextNumber(), { inputAttributes: { AccountBalance: '120.50' } });
  const offered = await eventually(
    async () => (await as('agent').get('/v1/previews?engagementId=preview')).body.previews,
    (p) => p.length === 1,
  );
  expect(offered[0]).toMatchObject({ deliveryId: d.deliveryId, attributes: { AccountBalance: '120.50' } });
  // The delivery itself holds the offer: it dials only once a representative accepts.
  await deliveryReached(e2e.stack.temporal, d.deliveryId, (s) => s.dispatch === 'offered');
  expect(callsTo([d.number])).toHaveLength(0); // nobody accepted yet: no call

  expect((await as('agent').post(`/v1/deliveries/${d.deliveryId}/preview/start`, { representativeId: 'rep-7' })).status).toBe(409);
  const accepted = await as('agent').post(`/v1/deliveries/${d.deliveryId}/preview/accept`, { representativeId: 'rep-7' });
  expect(accepted.status).toBe(200);
  expect(accepted.body.startsAt).toEqual(expect.any(String));
  // Another representative cannot take it (a supervisor acting for rep-8: an agent key acts only as its own).
  expect((await as('supervisor').post(`/v1/deliveries/${d.deliveryId}/preview/accept`, { representativeId: 'rep-8' })).status).toBe(409);
  const [row] = await allFinal([d.deliveryId]);
  expect(row!.result).toBe('CallEnded');
  expect(callsTo([d.number])).toHaveLength(1);
});

test('under load the dispatcher continues-as-new, every run stays small, and no delivery is lost', async () => {
  await engagement('load', 'q-load', { dialModeSettings: { callsPerRepresentative: 1 } });
  e2e.stack.simulator.dialer.setRepresentatives({ count: 4, handleMs: 100 });
  const numbers = Array.from({ length: 40 }, () => nextNumber());
  for (const n of numbers) e2e.stack.simulator.dialer.setNumber(n, { state: 'Answered', ringMs: 150 });
  const ds = [];
  for (const n of numbers) ds.push(await deliver('load', n));
  const rows = await allFinal(
    ds.map((d) => d.deliveryId),
    120_000,
  );
  expect(rows.filter((r) => r.result === 'CallEnded')).toHaveLength(40);
  expect(callsTo(numbers)).toHaveLength(40);

  const workflowId = dispatcherWorkflowId(TASK_QUEUE, 'queue:q-load');
  const runs: Array<{ status: string; historyLength: number }> = [];
  for await (const run of e2e.env.client.workflow.list({ query: `WorkflowId = '${workflowId}'` }))
    runs.push({ status: run.status.name, historyLength: run.historyLength ?? 0 });
  const closed = runs.filter((r) => r.status === 'CONTINUED_AS_NEW');
  expect(closed.length).toBeGreaterThanOrEqual(2);
  // A run ends at the first tick boundary past the limit: at most one tick's events (~20-30) over it.
  for (const r of closed) expect(r.historyLength).toBeLessThan(40 + 40);
  expect((await e2e.env.client.workflow.getHandle(workflowId).describe()).historyLength).toBeLessThan(40 + 40);
}, 180_000);

test("a dialer that does not report abandonment: live answers are recorded of unknown abandonment, and the rules' rate counts none of them", async () => {
  await engagement('seed004-paced', 'q-seed004');
  e2e.stack.simulator.dialer.setRepresentatives({ count: 2, handleMs: 100 });
  e2e.stack.simulator.dialer.seed004Only = true;
  try {
    const ds = [await deliver('seed004-paced'), await deliver('seed004-paced'), await deliver('seed004-paced')];
    await allFinal(ds.map((d) => d.deliveryId));
  } finally {
    e2e.stack.simulator.dialer.seed004Only = false;
  }
  const db = e2e.stack.database.db;
  const outcomes = await db
    .selectFrom('dispatch_outcomes')
    .select(['live', 'abandoned'])
    .where('engagement_id', '=', 'seed004-paced')
    .execute();
  expect(outcomes).toEqual([1, 2, 3].map(() => ({ live: true, abandoned: null })));
  const figures = await engagementFiguresSince(db, 'seed004-paced', new Date(0));
  expect(figures).toMatchObject({ liveAnswers: 3, abandonmentReported: 0, abandoned: 0 });
  // The board shows no abandonment rate it cannot know.
  const board = await as('supervisor').get('/v1/engagements/seed004-paced/board');
  expect(board.status).toBe(200);
  expect(board.body.engagements[0].abandonment).toMatchObject({ liveAnswers: 0, abandoned: 0, ratePercent: null });
  expect(board.body.abandonment).toMatchObject({ liveAnswers: 0, ratePercent: null });
});
