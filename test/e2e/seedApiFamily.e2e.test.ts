/**
 * The product's API family over HTTP on the real stack (Temporal dev server, Postgres, the simulator,
 * the worker and the API): each create action through the one intake service.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { apiClient } from '../helpers/apiClient';
import { apiKeyWithRoles, engagementConfig, insertEngagement } from '../helpers/fixtures';
import { startEngineStack, type EngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';
import { deliveryViewWhen } from '../helpers/waiting';

let env: TestWorkflowEnvironment;
let stack: EngineStack;
let key: string;
const ROOT = '/api/data/v9.2';
const CREATE = `${ROOT}/CCaaS_CreateProactiveDelivery`;

beforeAll(async () => {
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'e2e-seed-api-family');
  await insertEngagement(stack.database.db, 'voice-1');
  await insertEngagement(
    stack.database.db,
    'sms-1',
    engagementConfig({
      channel: 'sms',
      schedule: [{ type: 'mobile', quietHours: [] }],
      sms: { senderNumber: '+15550319999', messageText: 'Template text for {{name}}' },
    }),
  );
  key = await apiKeyWithRoles(stack.database.db, 'integration');
});

afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
});

const api = () => apiClient(stack.apiUrl, key);

const waitForFinal = (deliveryId: string) => deliveryViewWhen(api(), deliveryId);

async function deliveryCount(): Promise<number> {
  const row = await stack.database.db
    .selectFrom('deliveries')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const contact = (id: string, mobile: string) => ({
  uniqueIdentifier: id,
  firstName: 'Ada',
  lastName: 'Lovelace',
  mobilePhoneNumber: mobile,
});
const soon = () => {
  const start = new Date(Date.now() - 60_000);
  const end = new Date(Date.now() + 3_600_000);
  return { start: start.toISOString(), end: end.toISOString() };
};

describe('CCaaS_CreateProactiveDelivery', () => {
  test('three contacts as a serialized string are dialled in order; DeliveryId and DeliveryTaskId answer', async () => {
    const w = soon();
    const res = await api().post(CREATE, {
      ApiVersion: '1.0',
      ProactiveEngagementConfigId: 'voice-1',
      RequestId: 'req-chain-1',
      Priority: '1',
      Contacts: JSON.stringify([
        { ...contact('acct-1', '+15550100003'), inputAttributes: { account: 'A-1' } },
        { ...contact('acct-2', '+15550100002'), timezone: 'Europe/Paris' },
        contact('acct-3', '+15550100001'),
      ]),
      // Keys in any case, as the product's own samples mix them.
      Windows: JSON.stringify([{ start: w.start, END: w.end }]),
    });
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toMatch(/\$metadata#Microsoft\.Dynamics\.CRM\.CCaaS_CreateProactiveDeliveryResponse$/);
    expect(res.body.DeliveryId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.DeliveryTaskId).toBe(res.body.DeliveryId);

    const delivery = await waitForFinal(res.body.DeliveryId as string);
    expect(delivery).toMatchObject({ status: 'Complete', result: 'CallEnded', trackingId: 'req-chain-1', windows: [w] });
    expect((delivery.contacts as Array<{ contactId: string }>).map((c) => c.contactId)).toEqual(['acct-1', 'acct-2', 'acct-3']);
    expect((delivery.calls as Array<{ toAddress: string }>).map((c) => c.toAddress)).toEqual([
      '+15550100003',
      '+15550100002',
      '+15550100001',
    ]);
    expect(delivery.attributes).toEqual(
      expect.arrayContaining([
        { keyword: 'account', value: 'A-1', type: 'input' },
        { keyword: 'Priority', value: '1', type: 'input' },
      ]),
    );
  });

  test('the same RequestId and body answers the same DeliveryId; another body under it is a 409 naming RequestId', async () => {
    const body = {
      ApiVersion: '1.0',
      ProactiveEngagementConfigId: 'voice-1',
      RequestId: 'req-dup-1',
      Contacts: [contact('dup-1', '+15550100001')],
    };
    const first = await api().post(CREATE, body);
    expect(first.status).toBe(200);
    const count = await deliveryCount();
    const again = await api().post(CREATE, { ...body, Contacts: JSON.stringify(body.Contacts) });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const other = await api().post(CREATE, { ...body, Contacts: [contact('dup-2', '+15550100001')] });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'idempotency_conflict', fields: [{ path: 'RequestId' }] });
    expect(await deliveryCount()).toBe(count);
  });

  test('a contact’s windows replace the top-level ones', async () => {
    const own = soon();
    const res = await api().post(CREATE, {
      ProactiveEngagementConfigId: 'voice-1',
      Windows: [{ Start: '2020-01-01T00:00:00.000Z', End: '2020-01-02T00:00:00.000Z' }],
      Contacts: [{ ...contact('own-window', '+15550100001'), windows: JSON.stringify([{ Start: own.start, end: own.end }]) }],
    });
    expect(res.status).toBe(200);
    expect(await waitForFinal(res.body.DeliveryId as string)).toMatchObject({ status: 'Complete', windows: [own] });
  });

  test('an SMS engagement sends the request’s Message to the mobile number', async () => {
    const res = await api().post(CREATE, {
      ApiVersion: '1.0',
      ProactiveEngagementConfigId: 'sms-1',
      Message: 'Your order {{order}} ships today',
      Contacts: JSON.stringify([{ ...contact('sms-contact', '+15550200001'), inputAttributes: JSON.stringify({ order: 'O-7' }) }]),
    });
    expect(res.status).toBe(200);
    const delivery = await waitForFinal(res.body.DeliveryId as string);
    expect(delivery).toMatchObject({ channel: 'sms', status: 'Complete', result: 'MessageSent' });
    expect(delivery.messages).toEqual([expect.objectContaining({ toAddress: '+15550200001', body: 'Your order O-7 ships today' })]);
  });

  const good = { ApiVersion: '1.0', ProactiveEngagementConfigId: 'voice-1', Contacts: [contact('bad-1', '+15550100001')] };
  test.each<[string, Record<string, unknown>, string]>([
    ['no Contacts', { ...good, Contacts: undefined }, 'Contacts'],
    ['Contacts not valid JSON', { ...good, Contacts: '[{' }, 'Contacts'],
    ['no contact', { ...good, Contacts: [] }, 'Contacts'],
    ['six contacts', { ...good, Contacts: [1, 2, 3, 4, 5, 6].map((i) => contact(`c${i}`, `+1555010010${i}`)) }, 'Contacts'],
    [
      'a contact without a number',
      { ...good, Contacts: [{ uniqueIdentifier: 'x', firstName: 'A', lastName: 'B' }] },
      'Contacts.0.mobilePhoneNumber',
    ],
    [
      'a contact without a uniqueIdentifier',
      { ...good, Contacts: [{ ...contact('x', '+15550100001'), uniqueIdentifier: undefined }] },
      'Contacts.0.uniqueIdentifier',
    ],
    ['a bad number', { ...good, Contacts: [contact('x', '12')] }, 'Contacts.0.mobilePhoneNumber'],
    [
      'the same number twice',
      { ...good, Contacts: [contact('x', '+15550100001'), contact('y', '+15550100001')] },
      'Contacts.1.mobilePhoneNumber',
    ],
    [
      'the same contact twice',
      { ...good, Contacts: [contact('x', '+15550100001'), contact('x', '+15550100002')] },
      'Contacts.1.uniqueIdentifier',
    ],
    ['an unknown time zone', { ...good, Contacts: [{ ...contact('x', '+15550100001'), timezone: 'Mars/Olympus' }] }, 'Contacts.0.timezone'],
    [
      'a window ending before it starts',
      { ...good, Windows: [{ Start: '2030-01-02T00:00:00.000Z', End: '2030-01-01T00:00:00.000Z' }] },
      'Windows.0.End',
    ],
    ['a window in another format', { ...good, Windows: [{ Start: '2030-01-01T00:00:00', End: '2030-01-02T00:00:00' }] }, 'Windows.0.Start'],
    [
      'contacts with different windows',
      {
        ...good,
        Contacts: [
          contact('x', '+15550100001'),
          { ...contact('y', '+15550100002'), windows: [{ start: '2030-01-01T00:00:00.000Z', end: '2030-01-02T00:00:00.000Z' }] },
        ],
      },
      'Contacts.1.windows',
    ],
    ['an empty RequestId', { ...good, RequestId: '' }, 'RequestId'],
    ['a RequestId with spaces', { ...good, RequestId: 'a b' }, 'RequestId'],
    ['a Priority object', { ...good, Priority: { p: 1 } }, 'Priority'],
    ['a Message for a voice engagement', { ...good, Message: 'hello' }, 'Message'],
    [
      'a business number for an SMS engagement',
      {
        ...good,
        ProactiveEngagementConfigId: 'sms-1',
        Contacts: [{ ...contact('x', '+15550100001'), businessPhoneNumber: '+15550100002' }],
      },
      'Contacts.0.businessPhoneNumber',
    ],
    ['an unknown engagement', { ...good, ProactiveEngagementConfigId: 'no-such' }, 'ProactiveEngagementConfigId'],
  ])('%s → 400 naming the field, nothing stored', async (_name, body, field) => {
    const before = await deliveryCount();
    const res = await api().post(CREATE, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    expect(await deliveryCount()).toBe(before);
  });

  test('without a key → 401, as on the first seed endpoint', async () => {
    expect((await apiClient(stack.apiUrl, '').post(CREATE, good)).status).toBe(401);
  });
});

describe('CCaaS_CreateSimpleProactiveDelivery', () => {
  const SIMPLE = `${ROOT}/CCaaS_CreateSimpleProactiveDelivery`;
  const simple = {
    ApiVersion: '1.0',
    ProactiveEngagementConfigId: 'voice-1',
    UniqueIdentifier: 'simple-1',
    FirstName: 'Grace',
    LastName: 'Hopper',
    MobilePhoneNumber: '+15550100001',
  };

  test('flat fields with serialized Windows and InputAttributes reach Complete', async () => {
    const w = soon();
    const res = await api().post(SIMPLE, {
      ...simple,
      Priority: '2',
      Windows: JSON.stringify([{ Start: w.start, End: w.end }]),
      InputAttributes: JSON.stringify({ plan: 'gold' }),
    });
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toMatch(/CCaaS_CreateSimpleProactiveDeliveryResponse$/);
    expect(res.body.DeliveryTaskId).toBe(res.body.DeliveryId);
    const delivery = await waitForFinal(res.body.DeliveryId as string);
    expect(delivery).toMatchObject({ status: 'Complete', result: 'CallEnded', contactId: 'simple-1', windows: [w] });
    expect(delivery.attributes).toEqual(
      expect.arrayContaining([
        { keyword: 'plan', value: 'gold', type: 'input' },
        { keyword: 'Priority', value: '2', type: 'input' },
      ]),
    );
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['no number', { ...simple, MobilePhoneNumber: undefined }, 'MobilePhoneNumber'],
    ['no UniqueIdentifier', { ...simple, UniqueIdentifier: undefined }, 'UniqueIdentifier'],
    ['the same number twice', { ...simple, HomePhoneNumber: '+15550100001' }, 'HomePhoneNumber'],
    ['Windows not JSON', { ...simple, Windows: 'soon' }, 'Windows'],
    ['a zone-less window time', { ...simple, Windows: '[{"Start":"2030-06-06T09:00:00","End":"2030-06-06T17:00:00"}]' }, 'Windows.0.Start'],
    ['a home number for SMS', { ...simple, ProactiveEngagementConfigId: 'sms-1', HomePhoneNumber: '+15550100002' }, 'HomePhoneNumber'],
  ])('%s → 400 naming the field, nothing stored', async (_name, body, field) => {
    const before = await deliveryCount();
    const res = await api().post(SIMPLE, body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    expect(await deliveryCount()).toBe(before);
  });
});

describe('CCaaS_CreateProactiveSMSDelivery', () => {
  const SMS = `${ROOT}/CCaaS_CreateProactiveSMSDelivery`;

  test('sends its Message to the number', async () => {
    const res = await api().post(SMS, {
      ApiVersion: '1.0',
      ProactiveEngagementConfigId: 'sms-1',
      DestinationPhoneNumber: '+15550200002',
      Message: 'Hello {{name}}',
      InputAttributes: '{"name":"Ada"}',
    });
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toMatch(/CCaaS_CreateProactiveSMSDeliveryResponse$/);
    const delivery = await waitForFinal(res.body.DeliveryId as string);
    expect(delivery).toMatchObject({ channel: 'sms', result: 'MessageSent', contactId: '+15550200002' });
    expect(delivery.messages).toEqual([expect.objectContaining({ body: 'Hello Ada' })]);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['no Message', { ProactiveEngagementConfigId: 'sms-1', DestinationPhoneNumber: '+15550200002' }, 'Message'],
    [
      'a voice engagement',
      { ProactiveEngagementConfigId: 'voice-1', DestinationPhoneNumber: '+15550200002', Message: 'x' },
      'ProactiveEngagementConfigId',
    ],
    ['a bad number', { ProactiveEngagementConfigId: 'sms-1', DestinationPhoneNumber: 'call me', Message: 'x' }, 'DestinationPhoneNumber'],
  ])('%s → 400 naming the field, nothing stored', async (_name, body, field) => {
    const before = await deliveryCount();
    const res = await api().post(SMS, body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    expect(await deliveryCount()).toBe(before);
  });
});
