/**
 * CSV uploads the API refuses, over HTTP on the real stack: each refusal answers with the error shape
 * and stores nothing (no delivery, contact, upload or row error; no scheduling workflow); a file at
 * exactly the size limit is accepted.
 */
import { uploadSchedulingTaskQueue } from '../../temporal/taskQueues';
import { uploadSchedulingWorkflowId } from '../../temporal/workflowIds';
import { apiClient } from '../helpers/apiClient';
import { waitUntil } from '../helpers/waiting';
import { engagementConfig, insertEngagement } from '../helpers/fixtures';
import { useEngineStack } from '../helpers/useEngineStack';
import { csv, engagementStoredCounts, laterWindow, uploadsApi } from '../helpers/uploads';

const TASK_QUEUE = 'e2e-upload-refusals';
const e2e = useEngineStack(TASK_QUEUE, {}, async ({ stack }) => {
  for (const id of ['up-refused', 'up-refused-control'])
    await insertEngagement(stack.database.db, id, engagementConfig({ uniqueIdentifierAttribute: 'CustomerNumber' }));
});

const { as, upload, untilFinal } = uploadsApi(e2e);
const later = laterWindow();
/** What the refused engagement has stored (other tests' deliveries keep writing events meanwhile). */
const storedCounts = () => engagementStoredCounts(e2e.stack.database.db, 'up-refused');

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
    const query = `WorkflowType = 'uploadSchedulingWorkflow' AND TaskQueue = '${uploadSchedulingTaskQueue(TASK_QUEUE)}'`;
    const scheduled = async () => (await e2e.env.client.workflow.count(query)).count;
    const scheduledIds = async () => {
      const ids: string[] = [];
      for await (const wf of e2e.env.client.workflow.list({ query })) ids.push(wf.workflowId);
      return ids;
    };
    const before = await scheduled();
    expect((await upload('up-refused', 'MobilePhoneNumber,Name\n+15550503001,x\n')).status).toBe(400);
    // A good upload after it: once its scheduling workflow shows in visibility, one the refused upload
    // had started (earlier) would show too.
    const control = await upload('up-refused-control', csv(['UniqueIdentifier,MobilePhoneNumber', 'refusal-control,+15550503009']));
    expect(control.status).toBe(202);
    const controlId = uploadSchedulingWorkflowId(control.body.uploadId);
    await waitUntil('the control upload scheduling workflow in visibility', scheduledIds, (ids) => ids.includes(controlId));
    expect(await scheduled()).toBe(before + 1);
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
      (await apiClient(e2e.stack.apiUrl, '').raw('POST', '/v1/engagements/up-refused/uploads', body, { 'Content-Type': 'text/csv' }))
        .status,
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
