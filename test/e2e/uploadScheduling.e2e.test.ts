/**
 * Scheduling the workflows of an upload's stored deliveries, on the real stack: a batch retried after
 * a crash starts no workflow twice; nothing starts while the API is still storing; an upload the API
 * abandoned mid-storing is failed by its scheduler, which schedules what was stored and applies the
 * policies created since.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { createUploadSchedulingActivities } from '../../activities/uploadScheduling';
import { bulkDeliveriesTaskQueue } from '../../temporal/taskQueues';
import { deliveryWorkflowId } from '../../temporal/workflowIds';
import { engagementConfig, insertEngagement } from '../helpers/fixtures';
import { useEngineStack } from '../helpers/useEngineStack';
import { csv, laterWindow, uploadsApi } from '../helpers/uploads';

const TASK_QUEUE = 'e2e-upload-scheduling';
const e2e = useEngineStack(TASK_QUEUE, {}, async ({ stack }) => {
  for (const id of ['up-retry', 'up-storing', 'up-stale'])
    await insertEngagement(stack.database.db, id, engagementConfig({ uniqueIdentifierAttribute: 'CustomerNumber' }));
});

const { as, upload, untilFinal, deliveriesOf } = uploadsApi(e2e);
const later = laterWindow();

test('the scheduling activity retried after a crash starts no workflow twice', async () => {
  const rows = Array.from({ length: 7 }, (_, i) => `retry-${i},+1555050600${i},${later.start},${later.end}`);
  const res = await upload('up-retry', csv(['UniqueIdentifier,MobilePhoneNumber,WindowStart,WindowEnd', ...rows]));
  expect((await untilFinal(res.body.uploadId)).progress.deliveriesScheduled).toBe(7);
  const deliveries = await deliveriesOf('up-retry');
  const runIds = async () =>
    Promise.all(deliveries.map(async (d) => (await e2e.env.client.workflow.getHandle(deliveryWorkflowId(d.deliveryId)).describe()).runId));
  const before = await runIds();
  // An upload's deliveries run on the bulk queue; one requested on its own, on the deliveries' queue.
  const described = await e2e.env.client.workflow.getHandle(deliveryWorkflowId(deliveries[0].deliveryId)).describe();
  expect(described.taskQueue).toBe(bulkDeliveriesTaskQueue(TASK_QUEUE));
  const single = await as('integration').post('/v1/deliveries', {
    engagementId: 'up-retry',
    contacts: [{ contactId: 'single', phones: [{ type: 'mobile', number: '+15550506099' }] }],
    windows: [later],
  });
  expect(single.status).toBe(201);
  const singleRun = await e2e.env.client.workflow.getHandle(deliveryWorkflowId(single.body.deliveryId)).describe();
  expect(singleRun.taskQueue).toBe(TASK_QUEUE);

  // As if the worker died after starting the workflows and before marking them: run the batch twice.
  const db = e2e.stack.database.db;
  await db.updateTable('deliveries').set({ workflow_started_at: null }).where('upload_id', '=', res.body.uploadId).execute();
  const { scheduleUploadBatch } = createUploadSchedulingActivities({ db, temporal: e2e.env.client, taskQueue: TASK_QUEUE });
  const input = { uploadId: res.body.uploadId as string, batchSize: 4, staleAfterMs: 60_000 };
  const activity = new MockActivityEnvironment();
  expect(await activity.run(scheduleUploadBatch, input)).toEqual({ started: 4, handled: 4, done: false });
  await db.updateTable('deliveries').set({ workflow_started_at: null }).where('upload_id', '=', res.body.uploadId).execute();
  expect(await activity.run(scheduleUploadBatch, input)).toEqual({ started: 4, handled: 4, done: false });
  expect(await activity.run(scheduleUploadBatch, input)).toEqual({ started: 3, handled: 3, done: false });
  expect(await activity.run(scheduleUploadBatch, input)).toEqual({ started: 0, handled: 0, done: true });
  expect(await runIds()).toEqual(before);
});

test('nothing is started while the API is still storing the upload; everything once it is stored', async () => {
  const rows = Array.from({ length: 3 }, (_, i) => `storing-${i},+1555050610${i},${later.start},${later.end}`);
  const res = await upload('up-storing', csv(['UniqueIdentifier,MobilePhoneNumber,WindowStart,WindowEnd', ...rows]));
  const uploadId = res.body.uploadId as string;
  expect((await untilFinal(uploadId)).state).toBe('completed');

  // Rewind to "some deliveries stored, the API still storing the rest" (its progress is fresh).
  const db = e2e.stack.database.db;
  await db.updateTable('deliveries').set({ workflow_started_at: null }).where('upload_id', '=', uploadId).execute();
  const rewind = (state: string) =>
    db.updateTable('uploads').set({ state, deliveries_scheduled: 0, updated_at: new Date() }).where('upload_id', '=', uploadId).execute();
  const unstarted = async () =>
    Number(
      (
        await db
          .selectFrom('deliveries')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('upload_id', '=', uploadId)
          .where('workflow_started_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const { scheduleUploadBatch } = createUploadSchedulingActivities({ db, temporal: e2e.env.client, taskQueue: TASK_QUEUE });
  const activity = new MockActivityEnvironment();
  const input = { uploadId, batchSize: 10, staleAfterMs: 60_000 };
  for (const state of ['validating', 'storing']) {
    await rewind(state);
    expect(await activity.run(scheduleUploadBatch, input)).toEqual({ started: 0, handled: 0, done: false });
    expect(await unstarted()).toBe(3);
  }

  await rewind('scheduling');
  expect(await activity.run(scheduleUploadBatch, input)).toEqual({ started: 3, handled: 3, done: false });
  expect(await activity.run(scheduleUploadBatch, input)).toEqual({ started: 0, handled: 0, done: true });
  expect(await unstarted()).toBe(0);
  expect((await as('integration').get(`/v1/uploads/${uploadId}`)).body).toMatchObject({
    state: 'completed',
    progress: { deliveriesScheduled: 3 },
  });
});

test('an upload the API abandoned mid-storing is failed by its scheduler, which schedules what was stored and applies policies created since', async () => {
  const rows = ['tx-1,+15550507001,TX', 'ok-1,+15550507002,OK', 'ok-2,+15550507003,OK'].map((r) => `${r},${later.start},${later.end}`);
  const res = await upload('up-stale', csv(['UniqueIdentifier,MobilePhoneNumber,State,WindowStart,WindowEnd', ...rows]));
  const uploadId = res.body.uploadId as string;
  expect((await untilFinal(uploadId)).state).toBe('completed');

  // Rewind to "stored, not scheduled, API gone for an hour", and a policy stored meanwhile (it could
  // signal no workflow then): what the scheduler finds after an API crash.
  const db = e2e.stack.database.db;
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

  const { scheduleUploadBatch } = createUploadSchedulingActivities({ db, temporal: e2e.env.client, taskQueue: TASK_QUEUE });
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
