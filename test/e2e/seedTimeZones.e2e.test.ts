/**
 * Time zones as the product sends them, over HTTP on the real stack: IANA names, Windows zone ids and
 * the product's display names are stored as IANA names through every door a zone comes in by (the
 * product's create actions, the native API, CSV uploads); an unknown zone is refused naming its field,
 * and nothing is written.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { apiClient } from '../helpers/apiClient';
import { deliveryRowCounts } from '../helpers/deliveryRowCounts';
import { apiKeyWithRoles, eventually, insertEngagement } from '../helpers/fixtures';
import { startEngineStack, type EngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';

let env: TestWorkflowEnvironment;
let stack: EngineStack;
let key: string;
const ROOT = '/api/data/v9.2';

beforeAll(async () => {
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'e2e-seed-time-zones');
  await insertEngagement(stack.database.db, 'zones-1');
  key = await apiKeyWithRoles(stack.database.db, 'integration');
});

afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
});

const api = () => apiClient(stack.apiUrl, key);
// A window tomorrow: the deliveries wait, so the test reads what was stored, not what a call did.
const tomorrow = new Date(Date.now() + 86_400_000);
const window = { Start: tomorrow.toISOString(), End: new Date(tomorrow.getTime() + 3_600_000).toISOString() };
let n = 0;
const nextNumber = () => `+1555060${String((n += 1)).padStart(4, '0')}`;

async function storedZones(deliveryId: string): Promise<Array<string | null>> {
  const res = await api().get(`/v1/deliveries/${deliveryId}`);
  expect(res.status).toBe(200);
  return (res.body.contacts as Array<{ timeZone: string | null }>).map((c) => c.timeZone);
}

const contact = (id: string, timezone?: string) => ({
  uniqueIdentifier: id,
  firstName: 'Ada',
  lastName: 'Lovelace',
  mobilePhoneNumber: nextNumber(),
  ...(timezone === undefined ? {} : { timezone }),
});

/** Each door: a request carrying `zone`, and the field a refusal must name. */
const doors: Array<{
  name: string;
  path: string;
  body: (zone: string) => unknown;
  field: string;
  id: (body: { DeliveryId?: string; deliveryId?: string }) => string;
}> = [
  {
    name: 'CCaaS_CreateProactiveDelivery',
    path: `${ROOT}/CCaaS_CreateProactiveDelivery`,
    body: (zone) => ({
      ApiVersion: '1.0',
      ProactiveEngagementConfigId: 'zones-1',
      Contacts: JSON.stringify([contact(`p-${n}`, zone)]),
      Windows: [window],
    }),
    field: 'Contacts.0.timezone',
    id: (b) => b.DeliveryId!,
  },
  {
    name: 'CCaaS_CreateSimpleProactiveDelivery',
    path: `${ROOT}/CCaaS_CreateSimpleProactiveDelivery`,
    body: (zone) => ({
      ApiVersion: '1.0',
      ProactiveEngagementConfigId: 'zones-1',
      UniqueIdentifier: `s-${n}`,
      FirstName: 'Grace',
      LastName: 'Hopper',
      MobilePhoneNumber: nextNumber(),
      TimeZone: zone,
      Windows: JSON.stringify([window]),
    }),
    field: 'TimeZone',
    id: (b) => b.DeliveryId!,
  },
  {
    name: 'POST /v1/deliveries',
    path: '/v1/deliveries',
    body: (zone) => ({
      engagementId: 'zones-1',
      contacts: [{ contactId: `n-${n}`, timeZone: zone, phones: [{ type: 'mobile', number: nextNumber() }] }],
      windows: [{ start: window.Start, end: window.End }],
    }),
    field: 'contacts.0.timeZone',
    id: (b) => b.deliveryId!,
  },
];

describe.each(doors)('$name', (door) => {
  test.each([
    ['America/Chicago', 'America/Chicago'],
    ['Pacific Standard Time', 'America/Los_Angeles'],
    ['(GMT-08:00) Pacific Time', 'America/Los_Angeles'],
    ['(GMT-03:00) Brasilia', 'America/Sao_Paulo'],
    ['Central European Standard Time', 'Europe/Warsaw'],
  ])('%j is stored as %s', async (zone, iana) => {
    const res = await api().post(door.path, door.body(zone));
    expect(res.status).toBeLessThan(300);
    expect(await storedZones(door.id(res.body))).toEqual([iana]);
  });

  test.each(['Mars/Olympus', 'Pacific Time', '(GMT+01:00) Pacific Time', 'Nowhere Standard Time'])(
    'the unknown zone %j → 400 naming the field, nothing written',
    async (zone) => {
      const before = await deliveryRowCounts(stack.database.db);
      const res = await api().post(door.path, door.body(zone));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.fields).toEqual(
        expect.arrayContaining([{ path: door.field, message: expect.stringContaining(`"${zone}" is not an IANA time zone`) }]),
      );
      expect(await deliveryRowCounts(stack.database.db)).toEqual(before);
    },
  );
});

test('a CSV upload stores Windows ids and display names as IANA names and reports an unknown zone by line', async () => {
  const lines = [
    'UniqueIdentifier,MobilePhoneNumber,TimeZone,WindowStart,WindowEnd',
    `csv-1,${nextNumber()},Pacific Standard Time,${window.Start},${window.End}`,
    `csv-2,${nextNumber()},"(GMT-03:00) Brasilia",${window.Start},${window.End}`,
    `csv-3,${nextNumber()},Nowhere Standard Time,${window.Start},${window.End}`,
  ];
  const res = await api().raw('POST', '/v1/engagements/zones-1/uploads', `${lines.join('\n')}\n`, { 'Content-Type': 'text/csv' });
  expect(res.status).toBe(202);
  const done = await eventually(
    async () => (await api().get(`/v1/uploads/${res.body.uploadId}`)).body,
    (u) => u.state === 'completed' || u.state === 'failed',
    60_000,
  );
  expect(done).toMatchObject({ state: 'completed', progress: { rowsAccepted: 2, rowsRejected: 1 } });
  expect(done.rowErrors.items).toEqual([
    { line: 4, reason: expect.stringContaining('TimeZone "Nowhere Standard Time" is not an IANA time zone') },
  ]);
  const list = await api().get('/v1/deliveries?engagementId=zones-1&limit=500');
  const zones: Record<string, string | null> = {};
  for (const d of list.body.deliveries as Array<{ deliveryId: string; contactId: string }>)
    if (d.contactId.startsWith('csv-')) zones[d.contactId] = (await storedZones(d.deliveryId))[0]!;
  expect(zones).toEqual({ 'csv-1': 'America/Los_Angeles', 'csv-2': 'America/Sao_Paulo' });
});
