/**
 * Pacing decisions over HTTP on the real stack (dev server, Postgres, simulator, worker, API): ticks
 * that granted are recorded and each call's grant points at one; a pause by an operator and by the
 * abandonment rule appear as decisions; a queue out of its hours is the delivery's `queue-closed`
 * wait; the endpoint validates its range and its caller.
 */
import { dispatcherWorkflowId } from '../../temporal/workflowIds';
import { engineApi } from '../helpers/engineApi';
import { deliveriesFinal, eventually } from '../helpers/waiting';
import { useEngineStack } from '../helpers/useEngineStack';

const e2e = useEngineStack('e2e-pacing', { dispatcherOptions: { tickMs: 250 } });
afterEach(() => e2e.stack.simulator.reset());

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const { as, engagement, deliver, nextNumber } = engineApi(e2e, '060');
const allFinal = (ids: string[], timeoutMs?: number) => deliveriesFinal(e2e.stack.database.db, ids, timeoutMs);

const pacing = async (engagementId: string, query = ''): Promise<Body> => {
  const res = await as('supervisor').get(`/v1/engagements/${engagementId}/pacing${query}`);
  expect(res.status).toBe(200);
  return res.body;
};

test('ticks that granted are recorded, and the grant each call used points at one of them', async () => {
  await engagement('pace-grants', 'q-pace-grants', { dialModeSettings: { callsPerRepresentative: 1 } });
  e2e.stack.simulator.dialer.setRepresentatives({ count: 1, handleMs: 150 });
  const ds = [await deliver('pace-grants'), await deliver('pace-grants'), await deliver('pace-grants')];
  await allFinal(ds.map((d) => d.deliveryId));

  const body = await eventually(
    () => pacing('pace-grants'),
    (b) => b.minutes.reduce((n: number, m: Body) => n + m.grants, 0) === 3,
  );
  for (const m of body.minutes) {
    expect(m).toMatchObject({ pool: 'queue:q-pace-grants', ticks: expect.any(Number), allowance: expect.any(Object) });
    expect(m.allowance.min).toBeLessThanOrEqual(m.allowance.max);
  }
  const granting = body.decisions.filter((d: Body) => d.granted > 0);
  expect(granting.reduce((n: number, d: Body) => n + d.granted, 0)).toBe(3);
  for (const d of granting) {
    expect(d.poolInputs).toMatchObject({ withinOperatingHours: true, available: expect.any(Number), busy: expect.any(Number) });
    expect(d.poolInputs.answerProbability).toEqual(expect.any(Number));
    expect(d.poolInputs.handleMs).toEqual(expect.any(Number));
    expect(d.engagement).toMatchObject({ dialMode: 'progressive', dialModeAllowance: expect.any(Number) });
  }
  const tickIds = new Set(granting.map((d: Body) => d.tickId));
  for (const { deliveryId } of ds) {
    const view: Body = (await as('integration').get(`/v1/deliveries/${deliveryId}`)).body;
    const grants = view.timeline.filter((e: Body) => e.data?.grant).map((e: Body) => e.data.grant.grantId);
    expect(grants.length).toBeGreaterThanOrEqual(1);
    for (const g of grants) expect(tickIds.has(g)).toBe(true);
  }
});

test("an operator's pause appears as a decision, with who paused and why", async () => {
  await engagement('pace-op', 'q-pace-op');
  expect((await as('supervisor').post('/v1/engagements/pace-op/pause', { reason: 'script review' })).status).toBe(200);
  const d = await deliver('pace-op');
  const body = await eventually(
    () => pacing('pace-op'),
    (b) => b.decisions.some((x: Body) => x.kind === 'pause'),
  );
  const pause = body.decisions.find((x: Body) => x.kind === 'pause');
  expect(pause).toMatchObject({ heldBy: 'paused', granted: 0, engagement: { state: 'paused', reason: 'script review', waiting: 1 } });
  expect((await as('supervisor').post('/v1/engagements/pace-op/resume', {})).status).toBe(200);
  await allFinal([d.deliveryId]);
});

test('a pause by the abandonment rule appears as a decision at the tick that paused', async () => {
  await engagement('pace-abandon', 'q-pace-abandon', {
    pacingRules: { abandonmentCapPercent: 3, minimumLiveAnswers: 2, maxQueueSharePercent: 10 },
  });
  const numbers = Array.from({ length: 4 }, () => nextNumber());
  for (const n of numbers) e2e.stack.simulator.dialer.setNumber(n, { state: 'Answered', ringMs: 200, abandoned: true });
  const ds = [];
  for (const n of numbers) ds.push(await deliver('pace-abandon', n));
  const body = await eventually(
    () => pacing('pace-abandon'),
    (b) => b.decisions.some((x: Body) => x.engagement.pausedNow),
    30_000,
  );
  const paused = body.decisions.find((x: Body) => x.engagement.pausedNow);
  expect(paused).toMatchObject({ kind: 'pause', engagement: { state: 'paused', reason: expect.stringMatching(/abandonment 100\.0%/) } });
  // Before it, the queue-share rule held calls back, one at a time.
  expect(body.decisions.some((x: Body) => x.heldBy === 'pacing-rule:max-queue-share')).toBe(true);
  for (const n of numbers) e2e.stack.simulator.dialer.setNumber(n, { state: 'Answered', ringMs: 200 });
  expect((await as('supervisor').post('/v1/engagements/pace-abandon/resume', {})).status).toBe(200);
  await allFinal(ds.map((d) => d.deliveryId));
});

test('a queue outside its operating hours: the delivery waits for "queue-closed", and the decision says so', async () => {
  await engagement('pace-closed', 'q-pace-closed');
  e2e.stack.simulator.dialer.closedQueues.add('q-pace-closed');
  const d = await deliver('pace-closed');
  const view = await eventually(
    async () => (await as('integration').get(`/v1/deliveries/${d.deliveryId}`)).body as Body,
    (v) => v.waitingFor?.reason === 'queue-closed',
  );
  expect(view.waitingFor.detail).toMatchObject({
    pool: 'queue:q-pace-closed',
    engagementId: 'pace-closed',
    queueClosedSince: expect.any(String),
    text: expect.stringMatching(/outside its operating hours/),
  });
  const body = await pacing('pace-closed');
  expect(body.decisions.some((x: Body) => x.heldBy === 'queue-closed' && x.poolInputs.withinOperatingHours === false)).toBe(true);

  // Unchanged ticks write nothing: a dozen closed-queue ticks, no pacing activity after the first.
  const activities = async () => {
    const history = await e2e.env.client.workflow.getHandle(dispatcherWorkflowId('e2e-pacing', 'queue:q-pace-closed')).fetchHistory();
    const scheduled = (history.events ?? []).map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name).filter(Boolean);
    return {
      snapshots: scheduled.filter((n) => n === 'loadDispatchSnapshot').length,
      records: scheduled.filter((n) => n === 'recordPacingTick').length,
    };
  };
  const before = await activities();
  const after = await eventually(activities, (a) => a.snapshots >= before.snapshots + 12, 20_000);
  expect(after.records).toBe(before.records);

  e2e.stack.simulator.dialer.closedQueues.delete('q-pace-closed');
  await allFinal([d.deliveryId]);
});

test('the endpoint: ISO instants in a bounded range, supervisors and admins only, 404 for an unknown engagement', async () => {
  await engagement('pace-api', 'q-pace-api');
  const get = (role: keyof typeof e2e.keys, path: string) => as(role).get(path);
  expect((await get('supervisor', '/v1/engagements/pace-api/pacing?from=yesterday')).status).toBe(400);
  expect((await get('supervisor', '/v1/engagements/pace-api/pacing?to=2026-13-01T00:00:00Z')).status).toBe(400);
  expect((await get('supervisor', '/v1/engagements/pace-api/pacing?from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z')).status).toBe(400);
  expect((await get('supervisor', '/v1/engagements/pace-api/pacing?from=2026-06-01T00:00:00Z&to=2026-06-09T00:00:00Z')).status).toBe(400);
  expect((await get('supervisor', '/v1/engagements/pace-api/pacing?since=2026-06-01T00:00:00Z')).status).toBe(400);
  expect((await get('supervisor', '/v1/engagements/no-such/pacing')).status).toBe(404);
  expect((await get('agent', '/v1/engagements/pace-api/pacing')).status).toBe(403);
  expect((await get('integration', '/v1/engagements/pace-api/pacing')).status).toBe(403);
  const ok = await get('admin', '/v1/engagements/pace-api/pacing?from=2026-06-01T00:00:00Z&to=2026-06-01T03:00:00%2B02:00');
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ engagementId: 'pace-api', minutes: [], decisions: [], truncated: false });
  const dflt = await get('supervisor', '/v1/engagements/pace-api/pacing');
  expect(new Date(dflt.body.to).getTime() - new Date(dflt.body.from).getTime()).toBe(3600_000);
});
