/**
 * The JSON bad-input corpus over HTTP: each refusal has the API's error shape and stores nothing.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { deliveryRowCounts } from '../helpers/deliveryRowCounts';
import { apiClient } from '../helpers/apiClient';
import { apiKeyWithRoles, insertEngagement } from '../helpers/fixtures';
import { eventually, waitUntil } from '../helpers/waiting';
import { uploadSchedulingWorkflowId } from '../../temporal/workflowIds';
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
  const before = await deliveryRowCounts(stack.database.db);
  const res = await api().raw('POST', '/v1/deliveries', body, { 'Content-Type': 'application/json' });
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject(errorShape);
  expect(res.body.error.code).toBe(code);
  expect(await deliveryRowCounts(stack.database.db)).toEqual(before);
});

test('a repeated Idempotency-Key with another body → 409, and nothing more stored', async () => {
  const first = await api().post('/v1/deliveries', good, { 'Idempotency-Key': 'bad-input-key' });
  expect(first.status).toBe(201);
  const before = await deliveryRowCounts(stack.database.db);
  const conflict = await api().post('/v1/deliveries', { ...good, trackingId: 'other' }, { 'Idempotency-Key': 'bad-input-key' });
  expect(conflict.status).toBe(409);
  expect(conflict.body).toMatchObject({ error: { code: 'idempotency_conflict' } });
  expect(await deliveryRowCounts(stack.database.db)).toEqual(before);
});

describe('NUL and other unstorable text in path, query and body parameters → 400 naming the field', () => {
  let admin: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    admin = apiClient(stack.apiUrl, await apiKeyWithRoles(stack.database.db, 'admin'));
  });

  const fieldPaths = (body: { error?: { fields?: Array<{ path: string }> } }) => body.error?.fields?.map((f) => f.path) ?? [];

  test.each([
    ['GET', '/v1/engagements/bad%00one', 'engagementId'],
    ['PUT', '/v1/engagements/bad%00one', 'engagementId'],
    ['GET', '/v1/engagements/bad%00one/report', 'engagementId'],
    ['GET', '/v1/engagements/bad%00one/export', 'engagementId'],
    ['GET', '/v1/engagements/bad%00one/uploads', 'engagementId'],
    ['GET', '/v1/engagements/bad%00one/dispatch', 'engagementId'],
    ['POST', '/v1/engagements/bad%00one/pause', 'engagementId'],
    ['POST', '/v1/engagements/bad%00one/resume', 'engagementId'],
    ['PUT', '/v1/engagements/bad%00one/priority', 'engagementId'],
    ['POST', '/v1/engagements/bad%00one/uploads', 'engagementId'],
    ['GET', '/v1/deliveries?engagementId=bad%00one', 'engagementId'],
    ['GET', '/v1/previews?engagementId=bad%00one', 'engagementId'],
  ])('%s %s → 400 %s', async (method, path, field) => {
    const before = await deliveryRowCounts(stack.database.db);
    const res = await admin.raw(method, path, method === 'GET' ? undefined : '{}', { 'Content-Type': 'application/json' });
    expect(res.status).toBe(400);
    expect(fieldPaths(res.body)).toContain(field);
    expect(await deliveryRowCounts(stack.database.db)).toEqual(before);
  });

  test('a path that is not percent-encoded UTF-8 (a lone surrogate) → 400, not a database error', async () => {
    const res = await admin.get('/v1/engagements/%ED%A0%80/report');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject(errorShape);
  });

  test.each([
    ['engagementId', { engagementId: 'bad\u0000one', comment: 'x' }],
    ['country', { country: 'U\u0000S', comment: 'x' }],
    ['state', { state: '\ud800', comment: 'x' }],
    ['postalCode', { postalCode: '1\u00000', comment: 'x' }],
    ['comment', { engagementId: 'bad-1', comment: 'a\u0000b' }],
  ])('a cancellation policy with NUL in %s → 400 naming it', async (field, body) => {
    const res = await admin.post('/v1/cancellation-policies', body);
    expect(res.status).toBe(400);
    expect(fieldPaths(res.body)).toContain(field);
  });

  test('NUL in a cancel reason, a disposition code or a call id → 400 naming it', async () => {
    const created = await api().post('/v1/deliveries', { ...good, contacts: [{ ...good.contacts[0], contactId: 'nul-actions' }] });
    expect(created.status).toBe(201);
    const id = created.body.deliveryId;
    const cancel = await admin.post(`/v1/deliveries/${id}/cancel`, { reason: 'stop\u0000now' });
    expect(cancel.status).toBe(400);
    expect(fieldPaths(cancel.body)).toContain('reason');
    const codes = await admin.post(`/v1/deliveries/${id}/dispositions`, { codes: ['Promise\u0000ToPay'] });
    expect(codes.status).toBe(400);
    expect(fieldPaths(codes.body)).toContain('codes.0');
    const call = await admin.post(`/v1/deliveries/${id}/dispositions`, { callId: 'c\u0000', codes: ['PromiseToPay'] });
    expect(call.status).toBe(400);
    expect(fieldPaths(call.body)).toContain('callId');
  });
});

describe('list cursor and date bounds → 400 naming the parameter', () => {
  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const uuid = '00000000-0000-4000-8000-000000000000';

  test.each([
    ['a non-UUID id', `cursor=${cursorOf(['2024-01-01T00:00:00.000Z', 'not-a-uuid'])}`, 'cursor'],
    ['a date out of range', `cursor=${cursorOf(['+275760-09-13T00:00:00.000Z', uuid])}`, 'cursor'],
    ['a negative year', `cursor=${cursorOf(['-000001-01-01T00:00:00.000Z', uuid])}`, 'cursor'],
    ['not an array', `cursor=${cursorOf({ a: 1 })}`, 'cursor'],
    ['a createdFrom with a negative year', 'createdFrom=-000001-01-01T00:00:00Z', 'createdFrom'],
    ['a createdFrom in year 0000', 'createdFrom=0000-01-01', 'createdFrom'],
    ['a resultTo out of range', 'resultTo=%2B275760-09-13T00:00:00.000Z', 'resultTo'],
    ['a resultTo with a negative year', 'resultTo=-271821-04-20T00:00:00Z', 'resultTo'],
    ['an impossible calendar date', 'createdTo=2027-02-30', 'createdTo'],
    ['hour 24', 'resultFrom=2027-01-01T24:00:00Z', 'resultFrom'],
  ])('%s → 400 %s', async (_name, query, field) => {
    const res = await api().get(`/v1/deliveries?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  test('dates the API documents keep working, and a returned cursor pages on', async () => {
    for (const query of ['createdFrom=2020-01-01', 'createdFrom=2020-01-01T00:00:00Z', 'createdTo=2099-12-31T23:59:59.999%2B02:00']) {
      const res = await api().get(`/v1/deliveries?${query}`);
      expect(res.status).toBe(200);
    }
    await api().post('/v1/deliveries', { ...good, contacts: [{ ...good.contacts[0], contactId: 'page-1' }] });
    await api().post('/v1/deliveries', { ...good, contacts: [{ ...good.contacts[0], contactId: 'page-2' }] });
    const first = await api().get('/v1/deliveries?limit=1');
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const next = await api().get(`/v1/deliveries?limit=1&cursor=${first.body.nextCursor}`);
    expect(next.status).toBe(200);
    expect(next.body.deliveries[0].deliveryId).not.toBe(first.body.deliveries[0].deliveryId);
  });
});

test('an unknown engagement on the seed endpoint is named by the field the client sent', async () => {
  const before = await deliveryRowCounts(stack.database.db);
  const res = await api().post('/api/data/v9.2/CCaaS_CreateProactiveVoiceDelivery', {
    ProactiveEngagementConfigId: 'no-such-engagement',
    ContactId: 'c1',
    DestinationPhoneNumber: '+15550800001',
  });
  expect(res.status).toBe(400);
  expect(res.body.error.fields).toEqual([{ path: 'ProactiveEngagementConfigId', message: expect.stringContaining('no-such-engagement') }]);
  expect(await deliveryRowCounts(stack.database.db)).toEqual(before);
});

describe('CSV uploads', () => {
  const uploadCount = async () =>
    Number(
      (
        await stack.database.db
          .selectFrom('uploads')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test.each([
    ['application/json', '{"rows": [1, 2]}'],
    ['application/json', 'UniqueIdentifier,MobilePhoneNumber\nc1,+15550800001\n'],
    ['text/plain', 'UniqueIdentifier,MobilePhoneNumber\nc1,+15550800001\n'],
    ['application/x-www-form-urlencoded', 'a=1&b=2'],
  ])('%s to the upload endpoint → 415, nothing stored', async (type, body) => {
    const [before, uploadsBefore] = [await deliveryRowCounts(stack.database.db), await uploadCount()];
    const res = await api().raw('POST', '/v1/engagements/bad-1/uploads', body, { 'Content-Type': type });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ error: { code: 'unsupported_media_type' } });
    expect([await deliveryRowCounts(stack.database.db), await uploadCount()]).toEqual([before, uploadsBefore]);
  });

  test('a refused header starts no scheduling workflow and stores no upload', async () => {
    const since = new Date(Date.now() - 1000);
    const uploadsBefore = await uploadCount();
    const res = await api().raw('POST', '/v1/engagements/bad-1/uploads', 'Name,Other\nx,y\n', { 'Content-Type': 'text/csv' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'invalid_csv_header' } });
    expect(await uploadCount()).toBe(uploadsBefore);
    // A good upload after it: once its scheduling workflow has run and shows in visibility, one the
    // refused upload had started (earlier) would show too.
    const control = await api().raw('POST', '/v1/engagements/bad-1/uploads', 'UniqueIdentifier,MobilePhoneNumber\nctl-1,+15550800021\n', {
      'Content-Type': 'text/csv',
    });
    expect(control.status).toBe(202);
    await waitUntil(
      'the control upload to complete',
      async () => (await api().get(`/v1/uploads/${control.body.uploadId}`)).body,
      (u) => u.state === 'completed',
      60_000,
    );
    const startedSince = async () => {
      const started: string[] = [];
      for await (const wf of env.client.workflow.list({ query: `StartTime >= "${since.toISOString()}"` }))
        if (wf.workflowId.startsWith('upload-scheduling-')) started.push(wf.workflowId);
      return started;
    };
    const controlId = uploadSchedulingWorkflowId(control.body.uploadId);
    expect(await waitUntil('the control scheduling workflow in visibility', startedSince, (ids) => ids.includes(controlId))).toEqual([
      controlId,
    ]);
  });

  test('one NUL byte in one cell: that row is a row error with its line, the good rows are stored', async () => {
    const file = [
      'UniqueIdentifier,MobilePhoneNumber,Note',
      'nul-1,+15550800011,fine',
      'nul-2,+15550800012,bad\u0000cell',
      'nul-3,+15550800013,fine too',
      '',
    ].join('\n');
    const res = await api().raw('POST', '/v1/engagements/bad-1/uploads', file, { 'Content-Type': 'text/csv' });
    expect(res.status).toBe(202);
    const done = await eventually(
      async () => (await api().get(`/v1/uploads/${res.body.uploadId}`)).body,
      (u) => u.state === 'completed' || u.state === 'failed',
      60_000,
    );
    expect(done).toMatchObject({
      state: 'completed',
      progress: { rowsRead: 3, rowsAccepted: 2, rowsRejected: 1, deliveriesCreated: 2 },
      rowErrors: { count: 1, items: [{ line: 3, reason: expect.stringContaining('Note') }] },
    });
    const contacts = await stack.database.db
      .selectFrom('deliveries')
      .select('contact_id')
      .where('contact_id', 'in', ['nul-1', 'nul-2', 'nul-3'])
      .execute();
    expect(contacts.map((c) => c.contact_id).sort()).toEqual(['nul-1', 'nul-3']);
  });
});
