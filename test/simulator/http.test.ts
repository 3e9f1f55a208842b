import { createHttpAvailabilityClient } from '../../activities/availabilityClient';
import { type RunningSimulator, startSimulator } from '../../simulator/server';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const clock = { now: T0 };
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, now: () => new Date(clock.now) });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  clock.now = T0;
  sim.reset();
});

// Tests read arbitrary fields of the simulator's JSON answers.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(sim.url + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const sms = (over: Record<string, unknown> = {}) => ({
  From: '+15550109999',
  To: '+15550100001',
  Body: 'Your order ships today',
  ClientReference: 'ref-1',
  ...over,
});

function dial(conversationId: string, destination: string, extra: Record<string, string> = {}) {
  return call('POST', '/v2/call', {
    Project: 'p',
    Tenant: 't',
    ConversationId: conversationId,
    AccessToken: '',
    ScenarioPath: 's',
    OrchestratorUrl: 'http://o',
    ScenarioInputParameters: Object.entries({ _Destination: destination, _DisplayNumber: '+15550109999', ...extra }).map(
      ([Name, Value]) => ({ Name, Value }),
    ),
  });
}

describe('SMS gateway over HTTP', () => {
  test('sends, is idempotent per ClientReference, and lists messages', async () => {
    const first = await call('POST', '/sms/messages', sms());
    expect(first).toEqual({ status: 200, body: { MessageId: expect.any(String), Status: 'Sent' } });
    expect(await call('POST', '/sms/messages', sms({ Body: 'other' }))).toEqual(first);
    const listed = await call('GET', '/sim/messages');
    expect(listed.body.requestsReceived).toBe(2);
    expect(listed.body.messages).toEqual([
      {
        messageId: first.body.MessageId,
        clientReference: 'ref-1',
        from: '+15550109999',
        to: '+15550100001',
        body: 'Your order ships today',
        status: 'Sent',
        receivedAt: new Date(T0).toISOString(),
      },
    ]);
    expect(sim.sms.messagesTo('+15550100001')).toHaveLength(1);
  });

  test('400 names every bad field and records nothing', async () => {
    const res = await call('POST', '/sms/messages', { From: '', To: 5, Body: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual(expect.any(String));
    expect(res.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['ClientReference', 'From', 'To']);
    expect((await call('POST', '/sms/messages', 'just a string')).status).toBe(400);
    expect(sim.sms.listMessages()).toHaveLength(0);
  });

  test('numbers scripted to fail answer Failed with an error', async () => {
    expect((await call('PUT', '/sim/sms/numbers/+15550100007', { status: 'Failed' })).status).toBe(200);
    expect((await call('PUT', '/sim/sms/numbers/+15550100007', { status: 'Lost' })).status).toBe(400);
    const res = await call('POST', '/sms/messages', sms({ To: '+15550100007' }));
    expect(res.body).toEqual({ MessageId: expect.any(String), Status: 'Failed', Error: expect.any(String) });
    expect(sim.sms.listMessages()[0]).toMatchObject({ to: '+15550100007', status: 'Failed' });
  });

  test('faults: 500 and nothing recorded, then success', async () => {
    expect((await call('PUT', '/sim/sms/faults', { failNextMessages: 2 })).status).toBe(200);
    expect((await call('POST', '/sms/messages', sms())).status).toBe(500);
    expect((await call('POST', '/sms/messages', sms())).status).toBe(500);
    expect(sim.sms.listMessages()).toHaveLength(0);
    const ok = await call('POST', '/sms/messages', sms());
    expect(ok.status).toBe(200);
    expect(ok.body.Status).toBe('Sent');
    expect(sim.sms.listMessages()).toHaveLength(1);
    expect((await call('PUT', '/sim/sms/faults', { failNext: 1 })).status).toBe(400);
  });

  test('POST /sim/reset forgets messages and statuses', async () => {
    sim.sms.setNumber('+15550100001', 'Failed');
    await call('POST', '/sms/messages', sms());
    expect((await call('POST', '/sim/reset')).status).toBe(200);
    expect(sim.sms.listMessages()).toHaveLength(0);
    expect((await call('POST', '/sms/messages', sms())).body.Status).toBe('Sent');
  });
});

describe('dialer additions over HTTP', () => {
  test('scenario inputs are recorded, validated, and voicemail is reported', async () => {
    const bad = await dial('c-0', '+15550100005', { _AnsweringMachineAction: 'beep', _AbandonSeconds: 'soon' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path)).toEqual([
      'ScenarioInputParameters._AnsweringMachineAction',
      'ScenarioInputParameters._AbandonSeconds',
    ]);

    const placed = await dial('c-1', '+15550100005', {
      _AnsweringMachineAction: 'voicemail',
      _VoicemailMessage: 'Call us',
      _QueueId: 'q-1',
      _AbandonSeconds: '4',
      _AbandonMessage: 'Sorry',
    });
    expect(placed.status).toBe(200);
    expect(sim.dialer.listCalls()[0]).toMatchObject({
      answeringMachineAction: 'voicemail',
      voicemailMessage: 'Call us',
      queueId: 'q-1',
      abandonSeconds: 4,
      abandonMessage: 'Sorry',
    });
    clock.now = T0 + 300;
    const result = await call('POST', '/v2/callresult', { UniqueIds: [placed.body.UniqueId] });
    expect(result.body.CallResults).toEqual([
      {
        UniqueId: placed.body.UniqueId,
        CallRequestId: '',
        CallState: 'Answered',
        AnsweringMachine: true,
        Abandoned: false,
        VoicemailLeft: true,
        AbandonMessagePlayed: false,
      },
    ]);
  });

  test('representatives: PUT, GET, abandonment over HTTP, null and DELETE switch off', async () => {
    expect((await call('PUT', '/sim/representatives', { count: -1, handleMs: 10 })).status).toBe(400);
    expect(await call('PUT', '/sim/representatives', { count: 1, handleMs: 60_000 })).toEqual({
      status: 200,
      body: { count: 1, handleMs: 60_000, busy: 0, connected: 0, abandoned: 0 },
    });
    const first = await dial('c-1', '+15550100001');
    const second = await dial('c-2', '+15550100001', { _AbandonMessage: 'We will call you back' });
    clock.now = T0 + 300 + 2000; // both answered at +300 ms; the second waited its 2 s
    const results = await call('POST', '/v2/callresult', { UniqueIds: [first.body.UniqueId, second.body.UniqueId] });
    expect(results.body.CallResults.map((r: Record<string, unknown>) => [r.CallState, r.Abandoned, r.AbandonMessagePlayed])).toEqual([
      ['Answered', false, false],
      ['Answered', true, true],
    ]);
    expect((await call('GET', '/sim/representatives')).body).toEqual({ count: 1, handleMs: 60_000, busy: 1, connected: 1, abandoned: 1 });

    expect(await call('PUT', '/sim/representatives', null)).toEqual({ status: 200, body: null });
    expect((await call('GET', '/sim/representatives')).body).toBeNull();
    await call('PUT', '/sim/representatives', { count: 0, handleMs: 0 });
    expect((await call('DELETE', '/sim/representatives')).status).toBe(200);
    expect(sim.dialer.getRepresentatives()).toBeNull();
  });

  test('malformed JSON gets a JSON 400', async () => {
    const res = await fetch(sim.url + '/sms/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: expect.any(String), fields: [] });
  });
});

test('startSimulator takes a representative pool, and reset() restores it', async () => {
  const other = await startSimulator({ representatives: { count: 2, handleMs: 1000 } });
  try {
    expect(other.dialer.getRepresentatives()).toMatchObject({ count: 2, handleMs: 1000 });
    other.dialer.setRepresentatives(null);
    other.reset();
    expect(other.dialer.getRepresentatives()).toMatchObject({ count: 2, handleMs: 1000, busy: 0 });
  } finally {
    await other.close();
  }
});

describe('representative availability (seed 003 shape)', () => {
  const path = '/api/data/v9.2/CCaaS_GetRepresentativeAvailabilityBeforeConversation';

  test('presence and seconds in it follow the pool; the engine client reads the same figures', async () => {
    await call('PUT', '/sim/representatives', { count: 2, handleMs: 60_000 });
    const placed = await dial('conv-availability', '+15550100001');
    expect(placed.status).toBe(200);
    clock.now = T0 + 300 + 10_000; // answered at 300 ms, connected at once, talking for 10 s
    const res = await call('POST', path, { QueueId: 'sales' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      QueueId: 'sales',
      IsWithinOperatingHours: true,
      IsQueueAvailable: true,
      AvailableRepresentativeCount: 1,
      BusyRepresentativeCount: 1,
      AverageHandleTimeSeconds: 60,
    });
    expect(res.body.Representatives).toEqual([
      { Presence: 'Busy', SecondsInPresence: 10 },
      { Presence: 'Available', SecondsInPresence: 0 },
    ]);

    const seen = await createHttpAvailabilityClient(sim.url).queueAvailability('sales', ['billing']);
    expect(seen).toEqual({
      withinOperatingHours: true,
      agents: [
        { state: 'busy', elapsedMs: 10_000 },
        { state: 'available', elapsedMs: 0 },
      ],
      offline: 0,
      averageHandleMs: 60_000,
    });
  });

  test('a closed queue is outside operating hours; without a pool the simulator reports ten free representatives', async () => {
    expect((await call('PUT', '/sim/queues/night', { withinOperatingHours: false })).status).toBe(200);
    const closed = await call('POST', path, { QueueId: 'night' });
    expect(closed.body).toMatchObject({ IsWithinOperatingHours: false, IsQueueAvailable: false, AvailableRepresentativeCount: 10 });
    expect((await call('POST', path, { QueueId: 'day' })).body.IsWithinOperatingHours).toBe(true);
    expect((await call('POST', path, {})).status).toBe(400);
    expect((await call('PUT', '/sim/queues/night', { open: true })).status).toBe(400);
  });
});

describe('stochastic mode over /sim/stochastic', () => {
  const scenario = { name: 'http', agents: 3, answerProbability: 0.5, talk: { mean: 60, cv: 1 }, wrapSeconds: 10, seed: 5 };

  test('switched on at run time with a scenario, it draws outcomes and staffs its representatives; null switches it off', async () => {
    expect((await call('GET', '/sim/stochastic')).body).toBeNull();
    const on = await call('PUT', '/sim/stochastic', scenario);
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ scenario: { name: 'http', agents: 3, seed: 5, graceSeconds: 2 }, dials: 0, shiftHour: 0 });
    expect((await call('GET', '/sim/representatives')).body).toMatchObject({ count: 3, handleMs: 70_000, busy: 0 });
    for (let i = 0; i < 20; i++) expect((await dial(`st-${i}`, `+1555096${String(i).padStart(4, '0')}`)).status).toBe(200);
    const status = (await call('GET', '/sim/stochastic')).body;
    expect(status.dials).toBe(20);
    expect(status.byKind.live + status.byKind.busy + status.byKind.machine + status.byKind.noAnswer).toBe(20);
    const calls = (await call('GET', '/sim/calls')).body.calls;
    expect(calls.every((c: { drawn?: unknown }) => c.drawn !== undefined)).toBe(true);

    expect((await call('PUT', '/sim/stochastic', null)).body).toBeNull();
    expect((await call('GET', '/sim/stochastic')).body).toBeNull();
  });

  test('a whole scenario file is accepted, one scenario picked by name; a bad scenario is refused with 400', async () => {
    const file = { defaults: { seed: 3 }, scenarios: [scenario, { ...scenario, name: 'second', agents: 7 }] };
    const picked = await call('PUT', '/sim/stochastic?name=second', file);
    expect(picked.body.scenario).toMatchObject({ name: 'second', agents: 7, seed: 5 });
    const bad = await call('PUT', '/sim/stochastic', { ...scenario, agents: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/agents/);
    expect((await call('DELETE', '/sim/stochastic')).body).toBeNull();
  });

  test('a reset switches a run-time stochastic mode off', async () => {
    await call('PUT', '/sim/stochastic', scenario);
    await call('POST', '/sim/reset');
    expect((await call('GET', '/sim/stochastic')).body).toBeNull();
  });
});
