/**
 * What acceptance promises, over HTTP on the real stack (dev server, Postgres, simulator, worker,
 * API): one delivery per Idempotency-Key under concurrent requests, nothing stored when the workflow
 * start fails, the engagement's settings fixed at acceptance, the list's date filters, and a stopped
 * engagement taking no new deliveries and dialling none it holds.
 */
import { deliveryWorkflowId, dispatcherWorkflowId } from '../../temporal/workflowIds';
import { deliveryRowCounts } from '../helpers/deliveryRowCounts';
import { engineApi } from '../helpers/engineApi';
import { useEngineStack } from '../helpers/useEngineStack';
import { clientWithStartFailures } from '../helpers/startFailures';
import { deliveriesFinal, deliveryReached, dispatcherAtRest, engagementSeen } from '../helpers/waiting';

const TASK_QUEUE = 'e2e-intake';
let failStarts: (on: boolean) => void;
const e2e = useEngineStack(TASK_QUEUE, {
  dispatcherOptions: { tickMs: 250 },
  apiTemporal: (temporal) => {
    const injected = clientWithStartFailures(temporal);
    failStarts = injected.failStarts;
    return injected.client;
  },
});
afterEach(() => {
  failStarts(false);
  e2e.stack.simulator.reset();
});

const { as, engagement, deliver, nextNumber } = engineApi(e2e, '070');
const db = () => e2e.stack.database.db;
const later = [{ start: new Date(Date.now() + 3600_000).toISOString(), end: new Date(Date.now() + 7200_000).toISOString() }];
const body = (engagementId: string, number: string, extra: Record<string, unknown> = {}) => ({
  engagementId,
  contacts: [{ contactId: `c-${number}`, phones: [{ type: 'mobile', number }] }],
  ...extra,
});

test('concurrent requests with one Idempotency-Key: one delivery, the same answer for the same body, 409 for another', async () => {
  await engagement('idem', 'q-idem');
  const before = await deliveryRowCounts(db());
  const same = body('idem', nextNumber(), { windows: later });
  const answers = await Promise.all(
    Array.from({ length: 8 }, () => as('integration').post('/v1/deliveries', same, { 'Idempotency-Key': 'idem-concurrent-1' })),
  );
  expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
  const ids = new Set(answers.map((a) => a.body.deliveryId));
  expect(ids.size).toBe(1);
  const after = await deliveryRowCounts(db());
  expect([after.deliveries, after.contacts, after.events]).toEqual([before.deliveries + 1, before.contacts + 1, before.events + 1]);
  const [deliveryId] = [...ids];
  expect((await e2e.env.client.workflow.getHandle(deliveryWorkflowId(deliveryId!)).describe()).status.name).toBe('RUNNING');

  // Two bodies racing for a fresh key: whichever wins, its body gets its answer, the other body a 409.
  const a = body('idem', nextNumber(), { windows: later });
  const b = body('idem', nextNumber(), { windows: later });
  const raced = await Promise.all(
    [a, b, a, b, a, b].map((x) => as('integration').post('/v1/deliveries', x, { 'Idempotency-Key': 'idem-concurrent-2' })),
  );
  const created = raced.filter((r) => r.status === 201);
  expect(created).toHaveLength(1);
  const winner = raced.indexOf(created[0]!) % 2; // 0: body a won, 1: body b
  for (const [i, r] of raced.entries()) {
    if (i % 2 === winner) expect(r.body.deliveryId).toBe(created[0]!.body.deliveryId);
    else expect([r.status, r.body.error?.code]).toEqual([409, 'idempotency_conflict']);
  }
  expect((await deliveryRowCounts(db())).deliveries).toBe(after.deliveries + 1);
});

test('a workflow start that fails stores nothing: 503, no rows, no workflow, and the retry succeeds', async () => {
  await engagement('start-fails', 'q-start-fails');
  const before = await deliveryRowCounts(db());
  failStarts(true);
  const request = body('start-fails', nextNumber(), { windows: later, inputAttributes: { orderNumber: 'ORD-9' } });
  const refused = await as('integration').post('/v1/deliveries', request, { 'Idempotency-Key': 'start-fails-1' });
  expect(refused.status).toBe(503);
  expect(refused.body).toMatchObject({ error: { code: 'temporal_unavailable' } });
  expect(await deliveryRowCounts(db())).toEqual(before);
  const seed = await as('integration').post('/api/data/v9.2/CCaaS_CreateProactiveVoiceDelivery', {
    ProactiveEngagementConfigId: 'start-fails',
    DestinationPhoneNumber: nextNumber(),
    ContactId: 'seed-start-fails',
  });
  expect(seed.status).toBe(503);
  expect(await deliveryRowCounts(db())).toEqual(before);

  // The key was not used up: the same request, once Temporal takes starts again, creates the delivery.
  failStarts(false);
  const retried = await as('integration').post('/v1/deliveries', request, { 'Idempotency-Key': 'start-fails-1' });
  expect(retried.status).toBe(201);
  expect((await deliveryRowCounts(db())).deliveries).toBe(before.deliveries + 1);
  await deliveryReached(e2e.stack.temporal, retried.body.deliveryId, (s) => s.status === 'Pending');
});

test('a delivery keeps the settings it was accepted with; a later one gets the new ones', async () => {
  await engagement('snapshot', 'q-snapshot', { abandonment: { seconds: 4, message: 'old message' } });
  e2e.stack.simulator.dialer.closedQueues.add('q-snapshot');
  const first = await deliver('snapshot');
  // Accepted and queued for a dial slot (the queue is closed) before the engagement changes.
  await deliveryReached(e2e.stack.temporal, first.deliveryId, (s) => s.dispatch === 'waiting');

  const current = (await as('admin').get('/v1/engagements/snapshot')).body;
  const changed = await as('admin').raw(
    'PUT',
    '/v1/engagements/snapshot',
    JSON.stringify({
      name: current.name,
      routing: { queueId: 'q-snapshot', queueDisplayNumber: '+15550108888' },
      schedule: current.schedule,
      abandonment: { seconds: 2, message: 'new message' },
    }),
    { 'Content-Type': 'application/json' },
  );
  expect(changed.status).toBe(200);
  expect(changed.body.routing.queueDisplayNumber).toBe('+15550108888');
  const second = await deliver('snapshot');
  e2e.stack.simulator.dialer.closedQueues.delete('q-snapshot');

  const rows = await deliveriesFinal(db(), [first.deliveryId, second.deliveryId]);
  expect(rows.every((r) => r.result === 'CallEnded')).toBe(true);
  const call = (number: string) => e2e.stack.simulator.dialer.listCalls().find((c) => c.destination === number)!;
  expect(call(first.number)).toMatchObject({ displayNumber: '+15550109999', abandonSeconds: 4, abandonMessage: 'old message' });
  expect(call(second.number)).toMatchObject({ displayNumber: '+15550108888', abandonSeconds: 2, abandonMessage: 'new message' });
  expect((await as('integration').get(`/v1/deliveries/${first.deliveryId}`)).body.fromAddress).toBe('+15550109999');
  expect((await as('integration').get(`/v1/deliveries/${second.deliveryId}`)).body.fromAddress).toBe('+15550108888');
});

test('the list filters by creation and result dates: from inclusive, to exclusive', async () => {
  await engagement('dates', 'q-dates');
  const waiting = [];
  for (let i = 0; i < 3; i++) waiting.push((await deliver('dates', nextNumber(), { windows: later })).deliveryId);
  const done = await deliver('dates');
  const [finished] = await deliveriesFinal(db(), [done.deliveryId]);
  expect(finished!.result).toBe('CallEnded');
  const view = async (id: string) => (await as('integration').get(`/v1/deliveries/${id}`)).body;
  const created = await Promise.all(waiting.map(async (id) => (await view(id)).createdAt as string));
  expect(new Set(created).size).toBe(3); // distinct instants, so each boundary splits the set
  const list = async (query: string) => {
    const res = await as('integration').get(`/v1/deliveries?engagementId=dates&limit=500&${query}`);
    expect(res.status).toBe(200);
    return (res.body.deliveries as Array<{ deliveryId: string }>).map((d) => d.deliveryId);
  };
  const enc = encodeURIComponent;
  expect(await list(`createdFrom=${enc(created[1]!)}`)).toEqual([done.deliveryId, waiting[2], waiting[1]]);
  expect(await list(`createdTo=${enc(created[1]!)}`)).toEqual([waiting[0]]);
  expect(await list(`createdFrom=${enc(created[1]!)}&createdTo=${enc(created[2]!)}`)).toEqual([waiting[1]]);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  expect(await list(`createdFrom=${tomorrow}`)).toEqual([]);
  expect(await list(`createdTo=${tomorrow}`)).toHaveLength(4);

  const resultDate = (await view(done.deliveryId)).resultDate as string;
  expect(await list(`resultFrom=${enc(resultDate)}`)).toEqual([done.deliveryId]);
  expect(await list(`resultTo=${enc(resultDate)}`)).toEqual([]);
  expect(await list(`resultTo=${tomorrow}`)).toEqual([done.deliveryId]); // never-finished deliveries have no result date
  const bad = await as('integration').get('/v1/deliveries?createdFrom=2027-02-30');
  expect(bad.status).toBe(400);
  expect(bad.body.error.fields[0].path).toBe('createdFrom');
});

test('a stopped engagement takes no new delivery (409, nothing stored) and dials none it holds', async () => {
  await engagement('stopped', 'q-stopped');
  await engagement('stopped-neighbour', 'q-stopped');
  e2e.stack.simulator.dialer.closedQueues.add('q-stopped');
  const held = await deliver('stopped');
  await deliveryReached(e2e.stack.temporal, held.deliveryId, (s) => s.dispatch === 'waiting');
  // No endpoint stops an engagement; the state is set where an operator's tooling would set it.
  await db()
    .updateTable('engagements')
    .set({ state: 'stopped', state_reason: 'campaign over' })
    .where('engagement_id', '=', 'stopped')
    .execute();

  const before = await deliveryRowCounts(db());
  const refused = await as('integration').post('/v1/deliveries', body('stopped', nextNumber()));
  expect(refused.status).toBe(409);
  expect(refused.body).toMatchObject({ error: { code: 'engagement_stopped' } });
  const seed = await as('integration').post('/api/data/v9.2/CCaaS_CreateProactiveVoiceDelivery', {
    ProactiveEngagementConfigId: 'stopped',
    DestinationPhoneNumber: nextNumber(),
    ContactId: 'seed-stopped',
  });
  expect(seed.status).toBe(409);
  const upload = await as('integration').raw(
    'POST',
    '/v1/engagements/stopped/uploads',
    'UniqueIdentifier,MobilePhoneNumber\nu1,+15550709999\n',
    {
      'Content-Type': 'text/csv',
    },
  );
  expect(upload.status).toBe(409);
  expect(upload.body).toMatchObject({ error: { code: 'engagement_stopped' } });
  expect(await deliveryRowCounts(db())).toEqual(before);

  // The queue opens and a neighbour on the same pool is dialled; the stopped engagement's delivery is not.
  e2e.stack.simulator.dialer.closedQueues.delete('q-stopped');
  const neighbour = await deliver('stopped-neighbour');
  await deliveriesFinal(db(), [neighbour.deliveryId]);
  const rest = await dispatcherAtRest(e2e.stack.temporal, dispatcherWorkflowId(TASK_QUEUE, 'queue:q-stopped'), (s) => {
    const e = engagementSeen(s, 'stopped');
    return e?.state === 'stopped' && e.waiting === 1;
  });
  expect(engagementSeen(rest, 'stopped')).toMatchObject({ state: 'stopped', waiting: 1, inFlight: 0 });
  expect(e2e.stack.simulator.dialer.listCalls().filter((c) => c.destination === held.number)).toHaveLength(0);
  expect((await as('integration').get(`/v1/deliveries/${held.deliveryId}`)).body.status).toBe('Pending');
  // Cancelling is still possible, and leaves nothing running.
  expect((await as('supervisor').post(`/v1/deliveries/${held.deliveryId}/cancel`, { reason: 'campaign over' })).status).toBe(202);
  expect((await deliveriesFinal(db(), [held.deliveryId]))[0]!.status).toBe('Cancelled');
});
