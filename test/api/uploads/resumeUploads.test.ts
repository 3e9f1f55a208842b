/**
 * CSV intake against a real Postgres, without the HTTP layer: an API process that stops in the middle
 * of storing is resumed from the spooled file, skipping exactly the chains it committed, and the old
 * run, if it comes back, can commit nothing more.
 */
import { randomUUID } from 'node:crypto';
import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { failAbandonedReceiving, resumeInterruptedUploads } from '../../../api/uploads/resumeUploads';
import { spoolPath } from '../../../api/uploads/spoolBody';
import { processUpload } from '../../../api/uploads/uploadIntake';
import { engagementConfig, insertEngagement } from '../../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../../helpers/testDatabase';
import { spooledUploadJob } from '../../helpers/uploadJobs';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await insertEngagement(database.db, 'resume');
});
afterAll(() => database?.drop());

const LINES = [
  'UniqueIdentifier,MobilePhoneNumber,ID', // 1
  'a1,+15550900001,A', // 2
  's1,+15550900002,', // 3
  's2,+15550900003,', // 4
  'a2,+15550900004,A', // 5: chain A complete
  's3,+15550900005,', // 6
  'bad,12,', // 7
  's4,+15550900006,', // 8
];

test('an interrupted upload resumes where its last transaction ended; the stopped run commits nothing more', async () => {
  const db = database.db;
  const job = await spooledUploadJob(db, 'resume', LINES);
  const { uploadId } = job;

  // The first run commits one batch of two deliveries, then stops before its second (as a process that
  // hangs or died).
  let release!: () => void;
  let firstBatchCommitted!: () => void;
  const firstBatch = new Promise<void>((r) => (firstBatchCommitted = r));
  const stopped = processUpload(db, job, {
    deliveriesPerTransaction: 2,
    beforeBatch: (index) => (index === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve()),
    afterBatch: (index) => {
      if (index === 0) firstBatchCommitted();
    },
  });
  const created = async () =>
    (
      await db
        .selectFrom('deliveries')
        .select(['contact_id', 'tracking_id'])
        .where('upload_id', '=', uploadId)
        .orderBy('contact_id')
        .execute()
    ).map((d) => d.contact_id);
  await firstBatch;
  expect(await created()).toEqual(['s1', 's2']);

  const resumed = await resumeInterruptedUploads(
    db,
    (err) => {
      throw err;
    },
    0,
  );
  expect(resumed.map((r) => r.uploadId)).toEqual([uploadId]);
  await Promise.all(resumed.map((r) => r.finished));
  expect(await created()).toEqual(['a1', 's1', 's2', 's3', 's4']);
  const chain = await db
    .selectFrom('delivery_contacts as c')
    .innerJoin('deliveries as d', 'd.delivery_id', 'c.delivery_id')
    .select(['c.contact_id'])
    .where('d.tracking_id', '=', 'A')
    .orderBy('c.position')
    .execute();
  expect(chain.map((c) => c.contact_id)).toEqual(['a1', 'a2']);
  const after = await db.selectFrom('uploads').selectAll().where('upload_id', '=', uploadId).executeTakeFirstOrThrow();
  expect(after).toMatchObject({ state: 'scheduling', rows_read: 7, rows_accepted: 6, rows_rejected: 1, deliveries_created: 5 });
  expect(await db.selectFrom('upload_row_errors').select(['line']).where('upload_id', '=', uploadId).execute()).toEqual([{ line: 7 }]);
  expect((await db.selectFrom('contacts').select('unique_identifier').where('engagement_id', '=', 'resume').execute()).length).toBe(6);

  // The old run comes back: taken over, its next batch rolls back and it ends without a word.
  release();
  await stopped;
  expect(await created()).toEqual(['a1', 's1', 's2', 's3', 's4']);
  expect(
    await db
      .selectFrom('uploads')
      .select(['state', 'deliveries_created', 'error'])
      .where('upload_id', '=', uploadId)
      .executeTakeFirstOrThrow(),
  ).toEqual({ state: 'scheduling', deliveries_created: 5, error: null });
});

test('an upload cut off while receiving (no workflow yet) is failed once silent long enough; its partial file is deleted', async () => {
  const db = database.db;
  const insert = async (updatedAt: Date) => {
    const uploadId = randomUUID();
    await mkdir(path.dirname(spoolPath(uploadId)), { recursive: true });
    await writeFile(spoolPath(uploadId), 'UniqueIdentifier,Mobile');
    await db
      .insertInto('uploads')
      .values({
        upload_id: uploadId,
        engagement_id: 'resume',
        state: 'receiving',
        bytes: 24,
        engagement_config: JSON.stringify(engagementConfig()),
        intake_run: randomUUID(),
        created_at: updatedAt,
        updated_at: updatedAt,
      })
      .execute();
    return uploadId;
  };
  const silent = await insert(new Date(Date.now() - 11 * 60_000));
  const receiving = await insert(new Date());
  expect(await failAbandonedReceiving(db)).toEqual([silent]);
  const state = async (id: string) =>
    (await db.selectFrom('uploads').select(['state', 'error']).where('upload_id', '=', id).executeTakeFirstOrThrow()).state;
  expect(await state(silent)).toBe('failed');
  expect(await state(receiving)).toBe('receiving');
  await expect(access(spoolPath(silent))).rejects.toThrow();
  await expect(access(spoolPath(receiving))).resolves.toBeUndefined();
});
