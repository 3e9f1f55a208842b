/**
 * CSV intake over HTTP, against the real dev server, Postgres, the simulator, a worker and the API:
 * chains, contacts, pass-through attributes, row errors by line, refusals that store nothing, and the
 * scheduling of the stored deliveries' workflows.
 */
import { MockActivityEnvironment, type TestWorkflowEnvironment } from '@temporalio/testing';
import { createUploadSchedulingActivities } from '../../activities/uploadScheduling';
import { uploadSchedulingTaskQueue } from '../../temporal/taskQueues';
import { deliveryWorkflowId } from '../../temporal/workflowIds';
import { DeliveryStatusKey } from '../../temporal/searchAttributes';
import { apiClient } from '../helpers/apiClient';
import { apiKeyWithRoles, engagementConfig, eventually, insertEngagement } from '../helpers/fixtures';
import { startEngineStack, type EngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';

let env: TestWorkflowEnvironment;
let stack: EngineStack;
let keys: { integration: string; supervisor: string; agent: string; admin: string };

beforeAll(async () => {
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'e2e-uploads');
  const db = stack.database.db;
  keys = {
    integration: await apiKeyWithRoles(db, 'integration'),
    supervisor: await apiKeyWithRoles(db, 'supervisor'),
    agent: await apiKeyWithRoles(db, 'agent'),
    admin: await apiKeyWithRoles(db, 'admin'),
  };
  for (const id of ['up-happy', 'up-errors', 'up-refused', 'up-verbatim', 'up-policy', 'up-retry', 'up-stale'])
    await insertEngagement(db, id, engagementConfig({ uniqueIdentifierAttribute: 'CustomerNumber' }));
});
afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
});

const as = (role: keyof typeof keys) => apiClient(stack.apiUrl, keys[role]);
const csv = (lines: string[]) => `${lines.join('\n')}\n`;
const later = { start: new Date(Date.now() + 3600_000).toISOString(), end: new Date(Date.now() + 7200_000).toISOString() };

function upload(engagementId: string, body: string, role: keyof typeof keys = 'integration', query = '') {
  return as(role).raw('POST', `/v1/engagements/${engagementId}/uploads${query}`, body, { 'Content-Type': 'text/csv' });
}

async function untilFinal(uploadId: string) {
  return eventually(
    async () => (await as('integration').get(`/v1/uploads/${uploadId}`)).body,
    (u) => u.state === 'completed' || u.state === 'failed',
    60_000,
  );
}

async function deliveriesOf(engagementId: string) {
  const list = await as('integration').get(`/v1/deliveries?engagementId=${engagementId}&limit=500`);
  return Promise.all(
    (list.body.deliveries as Array<{ deliveryId: string }>).map(
      async (d) => (await as('integration').get(`/v1/deliveries/${d.deliveryId}`)).body,
    ),
  );
}

/** What the refused engagement has stored (other tests' deliveries keep writing events meanwhile). */
async function storedCounts(engagementId = 'up-refused') {
  const db = stack.database.db;
  const n = async (q: { executeTakeFirstOrThrow(): Promise<{ n: unknown }> }) => Number((await q.executeTakeFirstOrThrow()).n);
  const child = (table: 'delivery_attributes' | 'delivery_contacts' | 'delivery_events') =>
    n(
      db
        .selectFrom(table)
        .innerJoin('deliveries as d', 'd.delivery_id', `${table}.delivery_id`)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('d.engagement_id', '=', engagementId),
    );
  return {
    deliveries: await n(
      db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('engagement_id', '=', engagementId),
    ),
    attributes: await child('delivery_attributes'),
    chains: await child('delivery_contacts'),
    events: await child('delivery_events'),
    contacts: await n(
      db
        .selectFrom('contacts')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('engagement_id', '=', engagementId),
    ),
    uploads: await n(
      db
        .selectFrom('uploads')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('engagement_id', '=', engagementId),
    ),
    rowErrors: await n(
      db
        .selectFrom('upload_row_errors')
        .innerJoin('uploads as u', 'u.upload_id', 'upload_row_errors.upload_id')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('u.engagement_id', '=', engagementId),
    ),
  };
}

const attrs = (d: { attributes: Array<{ keyword: string; value: string; type: string }> }) =>
  Object.fromEntries(d.attributes.filter((a) => a.type === 'input').map((a) => [a.keyword, a.value]));

test('a file becomes chained deliveries in file order, contacts upserted, attributes passed through, workflows Pending', async () => {
  const header =
    'UniqueIdentifier,FirstName,LastName,MobilePhoneNumber,HomePhoneNumber,Country,State,PostalCode,TimeZone,ID,Priority,WindowStart,WindowEnd,OrderNumber,Balance';
  const file = csv([
    header,
    `cust-1,Ada,Lovelace,+1 (555) 050-1001,,US,NY,10001,America/New_York,acct-A,2,${later.start},${later.end},ORD-1,100.50`,
    `cust-2,Bob,Builder,,(212) 555-0142,US,CA,94105,,,,${later.start},${later.end},ORD-2,`,
    `cust-3,Cy,Lovelace,,+44 20 7183 8750,GB,,,Europe/London,acct-A,,,,ORD-3,7`,
    `cust-4,Di,,+15550501004,,,,,,,not-a-priority,${later.start},${later.end},,`,
  ]);
  const res = await upload('up-happy', file);
  expect(res.status).toBe(202);
  expect(res.body).toMatchObject({ engagementId: 'up-happy', state: 'validating' });
  const done = await untilFinal(res.body.uploadId);
  expect(done).toMatchObject({
    state: 'completed',
    progress: { rowsRead: 4, rowsAccepted: 4, rowsRejected: 0, deliveriesCreated: 3, deliveriesSuppressed: 0, deliveriesScheduled: 3 },
    rowErrors: { count: 0, items: [] },
  });

  const deliveries = await deliveriesOf('up-happy');
  expect(deliveries).toHaveLength(3);
  const chain = deliveries.find((d) => d.trackingId === 'acct-A');
  expect(chain.contacts.map((c: { contactId: string }) => c.contactId)).toEqual(['cust-1', 'cust-3']);
  expect(chain.contacts[0]).toMatchObject({
    timeZone: 'America/New_York',
    country: 'US',
    state: 'NY',
    postalCode: '10001',
    phones: [{ type: 'mobile', number: '+15550501001' }],
  });
  expect(chain.contacts[1].phones).toEqual([{ type: 'home', number: '+442071838750' }]);
  // The chain's first row wins for the delivery's window, attributes and Priority.
  expect(attrs(chain)).toEqual({ OrderNumber: 'ORD-1', Balance: '100.50', Priority: '2' });
  expect(chain).toMatchObject({ status: 'Pending', windowStartDate: later.start, windowEndDate: later.end });
  const bob = deliveries.find((d) => d.contactId === 'cust-2');
  expect(bob.contacts[0].phones).toEqual([{ type: 'home', number: '+12125550142' }]); // national form, country US
  expect(attrs(bob)).toEqual({ OrderNumber: 'ORD-2' });
  // An unusable Priority is kept as given: dispatch falls back to first in, first out for it.
  expect(attrs(deliveries.find((d) => d.contactId === 'cust-4'))).toEqual({ Priority: 'not-a-priority' });

  // Each delivery's workflow runs, waiting Pending for its window.
  for (const d of deliveries) {
    const description = await env.client.workflow.getHandle(deliveryWorkflowId(d.deliveryId)).describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.typedSearchAttributes.get(DeliveryStatusKey)).toBe('Pending');
  }

  const contact = () =>
    stack.database.db
      .selectFrom('contacts')
      .selectAll()
      .where('engagement_id', '=', 'up-happy')
      .where('unique_identifier', '=', 'cust-1')
      .executeTakeFirstOrThrow();
  expect(await contact()).toMatchObject({
    identifier_attribute: 'CustomerNumber',
    first_name: 'Ada',
    last_name: 'Lovelace',
    mobile_phone: '+15550501001',
    time_zone: 'America/New_York',
    attributes: { OrderNumber: 'ORD-1', Balance: '100.50' },
  });

  // A second upload updates the contact: given values replace, empty cells keep, attributes merge.
  const again = await upload(
    'up-happy',
    csv(['UniqueIdentifier,FirstName,LastName,MobilePhoneNumber,Balance,Segment', 'cust-1,Augusta,,+15550501009,0,gold']),
  );
  expect((await untilFinal(again.body.uploadId)).state).toBe('completed');
  expect(await contact()).toMatchObject({
    first_name: 'Augusta',
    last_name: 'Lovelace',
    mobile_phone: '+15550501009',
    attributes: { OrderNumber: 'ORD-1', Balance: '0', Segment: 'gold' },
  });
  expect(
    Number(
      (
        await stack.database.db
          .selectFrom('contacts')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('engagement_id', '=', 'up-happy')
          .executeTakeFirstOrThrow()
      ).n,
    ),
  ).toBe(4);

  const listed = await as('supervisor').get('/v1/engagements/up-happy/uploads');
  expect(listed.status).toBe(200);
  expect(listed.body.uploads.map((u: { uploadId: string }) => u.uploadId)).toEqual([again.body.uploadId, res.body.uploadId]);
});

test('bad rows are reported by line with the reason; good rows proceed; a chain stops at five', async () => {
  const lines = [
    'UniqueIdentifier,MobilePhoneNumber,BusinessPhoneNumber,TimeZone,ID,Note', // 1
    'ok-1,+15550502001,,,,', // 2
    'bad-phone,12,,,,', // 3
    ',+15550502002,,,,', // 4 no UniqueIdentifier
    'no-phone,,,,,', // 5
    'bad-zone,+15550502003,,Mars/Olympus,,', // 6
    'short-row,+15550502004', // 7
    '', // 8 (empty, skipped)
    'ok-2,+15550502005,,,,"a note', // 9..10: a quoted field over two lines
    'that goes on"',
    ...Array.from({ length: 6 }, (_, i) => `chain-${i + 1},+1555050210${i},,,household-9,`), // 11..16
    'ok-3,,+15550502006,UTC,,', // 17
  ];
  const res = await upload('up-errors', csv(lines));
  expect(res.status).toBe(202);
  const done = await untilFinal(res.body.uploadId);
  expect(done).toMatchObject({
    state: 'completed',
    progress: { rowsRead: 14, rowsAccepted: 8, rowsRejected: 6, deliveriesCreated: 4, deliveriesScheduled: 4 },
  });
  expect(done.rowErrors.count).toBe(6);
  expect(done.rowErrors.items).toEqual([
    { line: 3, reason: expect.stringContaining('MobilePhoneNumber "12" is not a possible phone number') },
    { line: 4, reason: 'UniqueIdentifier is empty' },
    { line: 5, reason: expect.stringContaining('no phone number') },
    { line: 6, reason: expect.stringContaining('TimeZone "Mars/Olympus" is not an IANA time zone') },
    { line: 7, reason: 'the row has 2 fields, the header has 6' },
    { line: 16, reason: expect.stringMatching(/^chain "household-9" exceeds 5 contacts/) },
  ]);
  const deliveries = await deliveriesOf('up-errors');
  expect(deliveries.map((d) => d.contactId).sort()).toEqual(['chain-1', 'ok-1', 'ok-2', 'ok-3']);
  const household = deliveries.find((d) => d.trackingId === 'household-9');
  expect(household.contacts.map((c: { contactId: string }) => c.contactId)).toEqual([
    'chain-1',
    'chain-2',
    'chain-3',
    'chain-4',
    'chain-5',
  ]);
  expect(attrs(deliveries.find((d) => d.contactId === 'ok-2'))).toEqual({ Note: 'a note\nthat goes on' });

  // Errors page by line.
  const page = await as('integration').get(`/v1/uploads/${res.body.uploadId}/errors?limit=2`);
  expect(page.body).toMatchObject({ errors: [{ line: 3 }, { line: 4 }], nextAfterLine: 4 });
  const next = await as('integration').get(`/v1/uploads/${res.body.uploadId}/errors?limit=10&afterLine=4`);
  expect(next.body.errors.map((e: { line: number }) => e.line)).toEqual([5, 6, 7, 16]);
  expect(next.body.nextAfterLine).toBeNull();
});

describe('refused uploads store nothing', () => {
  test.each([
    ['no UniqueIdentifier column', 'MobilePhoneNumber,Name\n+15550503001,x\n', 'UniqueIdentifier'],
    ['no phone column', 'UniqueIdentifier,Name\nu1,x\n', 'MobilePhoneNumber'],
    ['a column twice', 'UniqueIdentifier,MobilePhoneNumber,uniqueidentifier\nu1,+15550503001,u2\n', 'uniqueidentifier'],
    ['an empty file', '', '(header)'],
  ])('%s: 400 naming the column', async (_name, body, column) => {
    const before = await storedCounts();
    const res = await upload('up-refused', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_csv_header');
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(column);
    expect(await storedCounts()).toEqual(before);
  });

  test('a refused upload starts no scheduling workflow', async () => {
    const query = `WorkflowType = 'uploadSchedulingWorkflow' AND TaskQueue = '${uploadSchedulingTaskQueue('e2e-uploads')}'`;
    const scheduled = async () => (await env.client.workflow.count(query)).count;
    const before = await scheduled();
    expect((await upload('up-refused', 'MobilePhoneNumber,Name\n+15550503001,x\n')).status).toBe(400);
    // A started workflow shows in visibility within a second or so.
    await new Promise((r) => setTimeout(r, 2000));
    expect(await scheduled()).toBe(before);
    expect((await upload('up-happy', csv(['UniqueIdentifier,MobilePhoneNumber', 'refusal-control,+15550503009']))).status).toBe(202);
    expect(await eventually(scheduled, (n) => n === before + 1)).toBe(before + 1);
  });

  test('10 MB + 1 byte: 413 with the error shape', async () => {
    const before = await storedCounts();
    const head = 'UniqueIdentifier,MobilePhoneNumber,Filler\n';
    const row = `u,+15550503001,${'x'.repeat(80)}\n`;
    let body = head + row.repeat(Math.floor((10 * 1024 * 1024 - head.length) / row.length));
    body += 'y'.repeat(10 * 1024 * 1024 + 1 - Buffer.byteLength(body));
    expect(Buffer.byteLength(body)).toBe(10 * 1024 * 1024 + 1);
    const res = await upload('up-refused', body);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: { code: 'body_too_large', message: expect.stringContaining('nothing was stored') } });
    expect(await storedCounts()).toEqual(before);
  });

  test('exactly 10 MB is accepted', async () => {
    // One good row, then rows whose Filler is over 4,000 characters (row errors) up to the limit.
    const head = `UniqueIdentifier,MobilePhoneNumber,WindowStart,WindowEnd,Filler\nbig,+15550503001,${later.start},${later.end},\n`;
    const filler = (n: number) => `f,+15550503002,,,${'x'.repeat(n)}\n`;
    const rowBytes = Buffer.byteLength(filler(50_000));
    const full = Math.floor((10 * 1024 * 1024 - Buffer.byteLength(head) - 1000) / rowBytes); // the last row stays under 64 KB
    let body = head + filler(50_000).repeat(full);
    body += filler(10 * 1024 * 1024 - Buffer.byteLength(body) - Buffer.byteLength(filler(0)));
    const res = await upload('up-refused', body);
    expect(res.status).toBe(202);
    expect(res.body.bytes).toBe(10 * 1024 * 1024);
    expect((await untilFinal(res.body.uploadId)).progress).toMatchObject({
      rowsRead: full + 2,
      rowsRejected: full + 1,
      deliveriesCreated: 1,
      deliveriesScheduled: 1,
    });
  });

  test('a file that stops being CSV fails before anything is stored, naming the line', async () => {
    const before = await storedCounts();
    const res = await upload(
      'up-refused',
      csv(['UniqueIdentifier,MobilePhoneNumber,Note', 'a,+15550503001,fine', 'b,+15550503002,"unclosed', 'c,+15550503003,x']),
    );
    expect(res.status).toBe(202);
    const done = await untilFinal(res.body.uploadId);
    expect(done).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/not valid CSV at line \d+/),
      progress: { deliveriesCreated: 0 },
    });
    const after = await storedCounts();
    expect({ ...after, uploads: before.uploads }).toEqual(before); // only the failed upload's record remains
  });

  test('keys, roles, engagement, content type and query are checked first', async () => {
    const before = await storedCounts();
    const body = 'UniqueIdentifier,MobilePhoneNumber\nu1,+15550503001\n';
    expect(
      (await apiClient(stack.apiUrl, '').raw('POST', '/v1/engagements/up-refused/uploads', body, { 'Content-Type': 'text/csv' })).status,
    ).toBe(401);
    expect((await upload('up-refused', body, 'agent')).status).toBe(403);
    expect((await upload('up-refused', body, 'supervisor')).status).toBe(403);
    const unknown = await upload('no-such-engagement', body);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect((await as('integration').raw('POST', '/v1/engagements/up-refused/uploads', body, { 'Content-Type': 'text/plain' })).status).toBe(
      415,
    );
    const badQuery = await upload('up-refused', body, 'integration', '?defaultCountry=XX');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.fields[0].path).toBe('query.defaultCountry');
    expect((await as('integration').get('/v1/uploads/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await as('integration').get('/v1/uploads/not-a-uuid')).status).toBe(404);
    expect((await as('agent').get('/v1/engagements/up-refused/uploads')).status).toBe(403);
    expect(await storedCounts()).toEqual(before);
  });
});

test('formula-looking and SQL-looking cells are stored verbatim; the CSV export neutralises formulas', async () => {
  const evil = {
    sum: '=SUM(A1:A9)',
    plus: '+1+1',
    at: '@cmd',
    minus: '-2+3',
    sql: "Robert'); DROP TABLE deliveries;--",
  };
  const file = csv([
    'UniqueIdentifier,MobilePhoneNumber,Sum,Plus,At,Minus,Sql',
    `"=HYPERLINK(""http://x"")",+15550504001,"${evil.sum}",${evil.plus},${evil.at},${evil.minus},${evil.sql}`,
  ]);
  const res = await upload('up-verbatim', file, 'integration', '?defaultCountry=US');
  expect((await untilFinal(res.body.uploadId)).state).toBe('completed');
  const [delivery] = await deliveriesOf('up-verbatim');
  expect(delivery.contactId).toBe('=HYPERLINK("http://x")');
  expect(attrs(delivery)).toEqual({ Sum: evil.sum, Plus: evil.plus, At: evil.at, Minus: evil.minus, Sql: evil.sql });
  const contact = await stack.database.db
    .selectFrom('contacts')
    .selectAll()
    .where('engagement_id', '=', 'up-verbatim')
    .executeTakeFirstOrThrow();
  expect(contact).toMatchObject({ unique_identifier: '=HYPERLINK("http://x")', attributes: { Sum: evil.sum, Sql: evil.sql } });

  const exported = await fetch(`${stack.apiUrl}/v1/engagements/up-verbatim/export?format=csv&table=attributes`, {
    headers: { Authorization: `Bearer ${keys.supervisor}` },
  });
  const text = await exported.text();
  expect(text).toContain(`'${evil.sum}`);
  expect(text).toContain(`'${evil.at}`);
  expect(text).not.toMatch(/(^|,)=SUM/m);
});

test('an active cancellation policy suppresses matching rows on arrival, as for the API', async () => {
  const policy = await as('admin').post('/v1/cancellation-policies', { engagementId: 'up-policy', state: 'NY', comment: 'no calls to NY' });
  expect(policy.status).toBe(201);
  const file = csv(['UniqueIdentifier,MobilePhoneNumber,State', 'ny-1,+15550505001,ny', 'ca-1,+15550505002,CA']);
  const res = await upload('up-policy', file);
  const done = await untilFinal(res.body.uploadId);
  expect(done.progress).toMatchObject({ deliveriesCreated: 2, deliveriesSuppressed: 1, deliveriesScheduled: 1 });
  const deliveries = await deliveriesOf('up-policy');
  expect(deliveries.find((d) => d.contactId === 'ny-1')).toMatchObject({
    status: 'Cancelled',
    result: 'Cancelled',
    cancelledByPolicyId: policy.body.policyId,
  });
  await expect(
    env.client.workflow.getHandle(deliveryWorkflowId(deliveries.find((d) => d.contactId === 'ny-1').deliveryId)).describe(),
  ).rejects.toThrow();
});

test('the scheduling activity retried after a crash starts no workflow twice', async () => {
  const rows = Array.from({ length: 7 }, (_, i) => `retry-${i},+1555050600${i},${later.start},${later.end}`);
  const res = await upload('up-retry', csv(['UniqueIdentifier,MobilePhoneNumber,WindowStart,WindowEnd', ...rows]));
  expect((await untilFinal(res.body.uploadId)).progress.deliveriesScheduled).toBe(7);
  const deliveries = await deliveriesOf('up-retry');
  const runIds = async () =>
    Promise.all(deliveries.map(async (d) => (await env.client.workflow.getHandle(deliveryWorkflowId(d.deliveryId)).describe()).runId));
  const before = await runIds();

  // As if the worker died after starting the workflows and before marking them: run the batch twice.
  const db = stack.database.db;
  await db.updateTable('deliveries').set({ workflow_started_at: null }).where('upload_id', '=', res.body.uploadId).execute();
  const { scheduleUploadBatch } = createUploadSchedulingActivities({ db, temporal: env.client, taskQueue: 'e2e-uploads' });
  const input = { uploadId: res.body.uploadId as string, batchSize: 4, staleAfterMs: 60_000 };
  const activity = new MockActivityEnvironment();
  expect(await activity.run(scheduleUploadBatch, input)).toEqual({ started: 4, handled: 4, done: false });
  await db.updateTable('deliveries').set({ workflow_started_at: null }).where('upload_id', '=', res.body.uploadId).execute();
  expect(await activity.run(scheduleUploadBatch, input)).toEqual({ started: 4, handled: 4, done: false });
  expect(await activity.run(scheduleUploadBatch, input)).toEqual({ started: 3, handled: 3, done: false });
  expect(await activity.run(scheduleUploadBatch, input)).toEqual({ started: 0, handled: 0, done: true });
  expect(await runIds()).toEqual(before);
});

test('an upload the API abandoned mid-storing is failed by its scheduler, which schedules what was stored and applies policies created since', async () => {
  const rows = ['tx-1,+15550507001,TX', 'ok-1,+15550507002,OK', 'ok-2,+15550507003,OK'].map((r) => `${r},${later.start},${later.end}`);
  const res = await upload('up-stale', csv(['UniqueIdentifier,MobilePhoneNumber,State,WindowStart,WindowEnd', ...rows]));
  const uploadId = res.body.uploadId as string;
  expect((await untilFinal(uploadId)).state).toBe('completed');

  // Rewind to "stored, not scheduled, API gone for an hour", and a policy stored meanwhile (it could
  // signal no workflow then): what the scheduler finds after an API crash.
  const db = stack.database.db;
  await db.updateTable('deliveries').set({ workflow_started_at: null }).where('upload_id', '=', uploadId).execute();
  await db
    .updateTable('uploads')
    .set({ state: 'storing', deliveries_scheduled: 0, updated_at: new Date(Date.now() - 3600_000) })
    .where('upload_id', '=', uploadId)
    .execute();
  const policyId = '5f0c7a8e-0000-4000-8000-000000000001';
  await db
    .insertInto('cancellation_policies')
    .values({ policy_id: policyId, engagement_id: 'up-stale', state: 'TX', comment: 'storm', ended_at: null })
    .execute();

  const { scheduleUploadBatch } = createUploadSchedulingActivities({ db, temporal: env.client, taskQueue: 'e2e-uploads' });
  const activity = new MockActivityEnvironment();
  const input = { uploadId, batchSize: 10, staleAfterMs: 60_000 };
  expect(await activity.run(scheduleUploadBatch, input)).toEqual({ started: 2, handled: 3, done: false });
  expect(await activity.run(scheduleUploadBatch, input)).toEqual({ started: 0, handled: 0, done: true });
  const view = (await as('integration').get(`/v1/uploads/${uploadId}`)).body;
  expect(view).toMatchObject({
    state: 'failed',
    error: expect.stringContaining('interrupted while storing'),
    progress: { deliveriesScheduled: 2, deliveriesSuppressed: 1 },
  });
  const tx = (await deliveriesOf('up-stale')).find((d) => d.contactId === 'tx-1');
  expect(tx).toMatchObject({ status: 'Cancelled', result: 'Cancelled', cancelledByPolicyId: policyId });
  expect(tx.events.at(-1).detail).toContain('cancelled before scheduling by policy');
});
