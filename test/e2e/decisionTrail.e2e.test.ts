/**
 * Why was this delivery (not) called? Over HTTP on the real stack (dev server, Postgres, simulator,
 * worker, API): waitingFor and the explain endpoint for quiet hours, window, cap, pause and slot waits.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { apiClient } from '../helpers/apiClient';
import { apiKeyWithRoles } from '../helpers/fixtures';
import { type EngineStack, startEngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';
import { eventually } from '../helpers/waiting';

const NY = 'America/New_York';
const MINUTE = 60_000;
let env: TestWorkflowEnvironment;
let stack: EngineStack;
let admin: string;
let integration: string;

beforeAll(async () => {
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'e2e-decision-trail');
  admin = await apiKeyWithRoles(stack.database.db, 'admin', 'supervisor');
  integration = await apiKeyWithRoles(stack.database.db, 'integration');
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
});

let seq = 0;
const nextNumber = () => `+1555040${String(++seq).padStart(4, '0')}`;
const hhmm = (dt: DateTime) => dt.toFormat('HH:mm');

async function engagement(id: string, extra: Record<string, unknown> = {}) {
  const res = await apiClient(stack.apiUrl, admin).post('/v1/engagements', {
    engagementId: id,
    name: id,
    routing: { queueId: `q-${id}`, queueDisplayNumber: '+15550109999' },
    schedule: [{ type: 'mobile', quietHours: [] }],
    ...extra,
  });
  expect(res.status).toBe(201);
}

async function deliver(engagementId: string, extra: Record<string, unknown> = {}, contactId = `c-${seq + 1}`) {
  const res = await apiClient(stack.apiUrl, integration).post('/v1/deliveries', {
    engagementId,
    contacts: [{ contactId, timeZone: NY, phones: [{ type: 'mobile', number: nextNumber() }] }],
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body.deliveryId as string;
}

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const view = async (id: string): Promise<Body> => (await apiClient(stack.apiUrl, integration).get(`/v1/deliveries/${id}`)).body;
const waitingFor = (id: string, reason: string) =>
  eventually(
    () => view(id),
    (d) => d.waitingFor?.reason === reason,
    30_000,
  );
const explain = async (id: string, at: string): Promise<Body> => {
  const res = await apiClient(stack.apiUrl, integration).get(`/v1/deliveries/${id}/explain?at=${encodeURIComponent(at)}`);
  expect(res.status).toBe(200);
  return res.body;
};

test('quiet hours in America/New_York: waitingFor names the local end and the UTC instant; explain a minute before names the interval and the local time', async () => {
  const local = DateTime.now().setZone(NY).startOf('minute');
  const interval = { start: hhmm(local.minus({ hours: 1 })), end: hhmm(local.plus({ hours: 2 })) };
  await engagement('trail-quiet', { schedule: [{ type: 'mobile', quietHours: [interval] }] });
  const id = await deliver('trail-quiet');
  const d = await waitingFor(id, 'quiet-hours');
  const end = local.plus({ hours: 2 });
  expect(d.waitingFor.until).toBe(end.toUTC().toISO());
  expect(d.nextAttemptAt).toBe(end.toUTC().toISO());
  expect(d.waitingFor.detail.numbers[0]).toMatchObject({
    phoneType: 'mobile',
    zone: NY,
    zoneSource: 'contact-zone',
    interval,
    endsAt: end.toUTC().toISO(),
    endsAtLocal: end.toFormat("yyyy-MM-dd'T'HH:mm"),
  });
  expect(d.timeline.map((e: Body) => e.kind)).toEqual(['transition', 'wait']);

  const before = end.minus({ minutes: 1 });
  const e = await explain(id, before.toUTC().toISO()!);
  expect(e).toMatchObject({ callable: false, numbers: [{ phoneType: 'mobile', callable: false }] });
  expect(e.numbers[0].number).toMatch(/^\+\*+\d{4}$/);
  expect(e.numbers[0].reasons).toEqual([
    { code: 'quiet-hours', detail: expect.objectContaining({ interval, localTime: hhmm(before), zone: NY, zoneSource: 'contact-zone' }) },
  ]);
  expect((await explain(id, end.toUTC().toISO()!)).callable).toBe(true);
});

test('a window that opens later: waitingFor window until it opens; explain names the next opening', async () => {
  await engagement('trail-window');
  const start = new Date(Math.ceil((Date.now() + 2 * 3600_000) / MINUTE) * MINUTE);
  const end = new Date(start.getTime() + 3 * 3600_000);
  const id = await deliver('trail-window', { windows: [{ start: start.toISOString(), end: end.toISOString() }] });
  const d = await waitingFor(id, 'window');
  expect(d.waitingFor).toMatchObject({ until: start.toISOString(), detail: { opensAt: start.toISOString() } });
  const e = await explain(id, new Date(start.getTime() - MINUTE).toISOString());
  expect(e.numbers[0].reasons).toEqual([{ code: 'outside-windows', detail: expect.objectContaining({ opensAt: start.toISOString() }) }]);
  expect((await explain(id, start.toISOString())).callable).toBe(true);
});

test('a frequency cap: the second delivery to a contact called today waits for the next local day', async () => {
  await engagement('trail-cap', { frequencyLimits: { perDay: 1 } });
  const first = await deliver('trail-cap', {}, 'capped-contact');
  await eventually(
    () => view(first),
    (d) => d.status === 'Complete',
    30_000,
  );
  const second = await deliver('trail-cap', {}, 'capped-contact');
  const d = await waitingFor(second, 'frequency-cap');
  const midnight = DateTime.now().setZone(NY).plus({ days: 1 }).startOf('day').toUTC().toISO();
  expect(d.waitingFor).toMatchObject({ until: midnight, detail: { limit: 'perDay', max: 1, used: 1, zone: NY, freesAt: midnight } });
  const e = await explain(second, new Date(new Date(midnight!).getTime() - MINUTE).toISOString());
  expect(e.numbers[0].reasons).toEqual([{ code: 'frequency-cap', detail: expect.objectContaining({ limit: 'perDay', used: 1 }) }]);
  expect(e.numbers[0].reasons[0].detail.touches).toHaveLength(1);
});

test('a paused engagement, then one with no representative free: paused, then a dial-slot wait', async () => {
  await engagement('trail-paused');
  expect((await apiClient(stack.apiUrl, admin).post('/v1/engagements/trail-paused/pause', { reason: 'script review' })).status).toBe(200);
  const paused = await deliver('trail-paused');
  const d = await waitingFor(paused, 'paused');
  expect(d.waitingFor.detail).toMatchObject({ pausedReason: 'script review', pool: expect.any(String), dialMode: expect.any(String) });
  const e = await explain(paused, new Date().toISOString());
  expect(e.callable).toBe(false);
  expect(e.numbers[0].reasons).toEqual([{ code: 'engagement-paused', detail: expect.objectContaining({ reason: 'script review' }) }]);

  await engagement('trail-slot');
  // No representative (the queue open: a closed one is a queue-closed wait): progressive dials nothing.
  stack.simulator.dialer.setRepresentatives({ count: 0, handleMs: 0 });
  try {
    const waiting = await deliver('trail-slot');
    const s = await waitingFor(waiting, 'dial-slot');
    expect(s.waitingFor.detail).toMatchObject({ pool: expect.any(String), dialMode: 'progressive', backlogSize: expect.any(Number) });
    // Schedule-wise it is callable now: what holds it is the slot.
    expect((await explain(waiting, new Date().toISOString())).callable).toBe(true);
  } finally {
    stack.simulator.dialer.setRepresentatives(null);
  }
});
