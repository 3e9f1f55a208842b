/**
 * The JSON bad-input corpus over HTTP: each refusal has the API's error shape and stores nothing.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { apiClient } from '../helpers/apiClient';
import { apiKeyWithRoles, insertEngagement } from '../helpers/fixtures';
import { startEngineStack, type EngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';

let env: TestWorkflowEnvironment;
let stack: EngineStack;
let key: string;

beforeAll(async () => {
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'e2e-bad-input');
  await insertEngagement(stack.database.db, 'bad-1');
  key = await apiKeyWithRoles(stack.database.db, 'integration');
});
afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
});

const api = () => apiClient(stack.apiUrl, key);
const good = {
  engagementId: 'bad-1',
  contacts: [{ contactId: 'c1', phones: [{ type: 'mobile', number: '+15550800001' }] }],
  windows: [{ start: '2099-01-01T00:00:00.000Z', end: '2099-01-02T00:00:00.000Z' }],
};

async function stored() {
  const db = stack.database.db;
  const n = async (table: 'deliveries' | 'delivery_attributes' | 'delivery_contacts' | 'delivery_events') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    deliveries: await n('deliveries'),
    attributes: await n('delivery_attributes'),
    contacts: await n('delivery_contacts'),
    events: await n('delivery_events'),
  };
}

const errorShape = { error: { code: expect.any(String), message: expect.any(String) } };

test.each([
  ['malformed JSON', '{"engagementId": "bad-1", "contacts": [', 400, 'malformed_json'],
  ['a JSON array', '[1,2]', 400, 'validation_failed'],
  ['wrong types', JSON.stringify({ engagementId: 1, contacts: { contactId: 2 }, windows: 'soon' }), 400, 'validation_failed'],
  ['unknown top-level field', JSON.stringify({ ...good, priority: 'high' }), 400, 'validation_failed'],
  ['unknown nested field', JSON.stringify({ ...good, contacts: [{ ...good.contacts[0], email: 'x@y' }] }), 400, 'validation_failed'],
  ['null body fields', JSON.stringify({ engagementId: null, contacts: null }), 400, 'validation_failed'],
  ['oversized body (over 1 MB)', JSON.stringify({ ...good, inputAttributes: { big: 'x'.repeat(1024 * 1024) } }), 413, 'body_too_large'],
])('%s → %s %s, nothing stored', async (_name, body, status, code) => {
  const before = await stored();
  const res = await api().raw('POST', '/v1/deliveries', body, { 'Content-Type': 'application/json' });
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject(errorShape);
  expect(res.body.error.code).toBe(code);
  expect(await stored()).toEqual(before);
});

test('a repeated Idempotency-Key with another body → 409, and nothing more stored', async () => {
  const first = await api().post('/v1/deliveries', good, { 'Idempotency-Key': 'bad-input-key' });
  expect(first.status).toBe(201);
  const before = await stored();
  const conflict = await api().post('/v1/deliveries', { ...good, trackingId: 'other' }, { 'Idempotency-Key': 'bad-input-key' });
  expect(conflict.status).toBe(409);
  expect(conflict.body).toMatchObject({ error: { code: 'idempotency_conflict' } });
  expect(await stored()).toEqual(before);
});
