/**
 * The storing pass against a real Postgres: batches overlap (two transactions in flight), yet they
 * commit in file order, a contact in two neighbouring batches neither deadlocks nor loses a field, and
 * a batch that fails takes every later batch down with it while the earlier ones stay.
 */
import { sql } from 'kysely';
import { processUpload } from '../../../api/uploads/uploadIntake';
import { insertEngagement } from '../../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../../helpers/testDatabase';
import { spooledUploadJob } from '../../helpers/uploadJobs';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await insertEngagement(database.db, 'overlap');
});
afterAll(() => database?.drop());

const uploadJob = (lines: string[]) => spooledUploadJob(database.db, 'overlap', lines);

const rows = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i},+1555091${String(1000 + i).slice(-4)}`);

async function storedContacts(uploadId: string): Promise<string[]> {
  const found = await database.db
    .selectFrom('deliveries')
    .select('contact_id')
    .where('upload_id', '=', uploadId)
    .orderBy('contact_id')
    .execute();
  return found.map((d) => d.contact_id ?? '');
}

/** A trigger on `deliveries` that sleeps or raises for one contact id: one batch made slow or failing. */
async function onContact(contactId: string, action: 'sleep' | 'raise'): Promise<() => Promise<void>> {
  const db = database.db;
  const body =
    action === 'sleep'
      ? sql.raw(`if new.contact_id = '${contactId}' then perform pg_sleep(1.5); end if; return new;`)
      : sql.raw(`if new.contact_id = '${contactId}' then raise exception 'refused %', new.contact_id; end if; return new;`);
  await sql`create or replace function overlap_probe() returns trigger language plpgsql as $$ begin ${body} end $$`.execute(db);
  await sql`create trigger overlap_probe before insert on deliveries for each row execute function overlap_probe()`.execute(db);
  return async () => {
    await sql`drop trigger overlap_probe on deliveries`.execute(db);
  };
}

test('batches commit in file order even when a later one is ready first', async () => {
  const job = await uploadJob(['UniqueIdentifier,MobilePhoneNumber', ...rows('p', 6)]);
  // The first batch (p0, p1) is slow; the second (p2, p3) is written meanwhile but waits for it.
  const drop = await onContact('p0', 'sleep');
  const order: number[] = [];
  try {
    await processUpload(database.db, job, { deliveriesPerTransaction: 2, afterBatch: (index) => void order.push(index) });
  } finally {
    await drop();
  }
  expect(order).toEqual([0, 1, 2]);
  expect(await storedContacts(job.uploadId)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
  const upload = await database.db.selectFrom('uploads').selectAll().where('upload_id', '=', job.uploadId).executeTakeFirstOrThrow();
  expect(upload).toMatchObject({ state: 'scheduling', deliveries_created: 6 });
});

test('the second batch starts before the first commits, and sees nothing of it until then', async () => {
  const job = await uploadJob(['UniqueIdentifier,MobilePhoneNumber', ...rows('q', 4)]);
  const drop = await onContact('q0', 'sleep');
  let visibleWhenSecondStarted: string[] | undefined;
  try {
    await processUpload(database.db, job, {
      deliveriesPerTransaction: 2,
      beforeBatch: async (index) => {
        if (index === 1) visibleWhenSecondStarted = await storedContacts(job.uploadId);
      },
    });
  } finally {
    await drop();
  }
  // The second batch was sent while the first was still sleeping in its transaction.
  expect(visibleWhenSecondStarted).toEqual([]);
  expect(await storedContacts(job.uploadId)).toEqual(['q0', 'q1', 'q2', 'q3']);
});

test('a contact in two overlapping batches is upserted by both, in order, without a deadlock', async () => {
  const job = await uploadJob([
    'UniqueIdentifier,MobilePhoneNumber,FirstName,LastName',
    'same,+15550920001,Ada,',
    'r1,+15550920002,,',
    'same,+15550920003,,Lovelace',
    'r3,+15550920004,,',
  ]);
  await processUpload(database.db, job, { deliveriesPerTransaction: 2 });
  expect(await storedContacts(job.uploadId)).toEqual(['r1', 'r3', 'same', 'same']);
  const contact = await database.db
    .selectFrom('contacts')
    .select(['first_name', 'last_name', 'mobile_phone'])
    .where('engagement_id', '=', 'overlap')
    .where('unique_identifier', '=', 'same')
    .executeTakeFirstOrThrow();
  // The later row wins field by field, and a field it leaves empty keeps the earlier value.
  expect(contact).toEqual({ first_name: 'Ada', last_name: 'Lovelace', mobile_phone: '+15550920003' });
});

test('a failing batch leaves the batches before it stored and nothing after it', async () => {
  const job = await uploadJob(['UniqueIdentifier,MobilePhoneNumber', ...rows('f', 8)]);
  // Batches of two: f0 f1 | f2 f3 | f4 f5 | f6 f7; the third fails.
  const drop = await onContact('f4', 'raise');
  try {
    await processUpload(database.db, job, { deliveriesPerTransaction: 2 });
  } finally {
    await drop();
  }
  expect(await storedContacts(job.uploadId)).toEqual(['f0', 'f1', 'f2', 'f3']);
  const upload = await database.db.selectFrom('uploads').selectAll().where('upload_id', '=', job.uploadId).executeTakeFirstOrThrow();
  expect(upload.state).toBe('failed');
  expect(upload.deliveries_created).toBe(4);
  expect(upload.error).toContain('refused f4');
});

test('rows read on worker threads store the same deliveries and row errors as rows read on this thread', async () => {
  // 2,500 rows: three batches of records, chains of four rows (one across two batches), bad rows.
  const lines = [
    'UniqueIdentifier,MobilePhoneNumber,ID',
    ...Array.from({ length: 2500 }, (_, i) => {
      const phone = i % 9 === 4 ? '+1555' : `+1555092${String(i).padStart(4, '0')}`;
      return `t${i},${phone},${i % 3 === 0 ? `h${Math.floor(i / 12)}` : ''}`;
    }),
  ];
  const outcome = async (threads: number) => {
    const job = await uploadJob(lines);
    await processUpload(database.db, job, { rowReader: { threads } });
    const db = database.db;
    const upload = await db.selectFrom('uploads').selectAll().where('upload_id', '=', job.uploadId).executeTakeFirstOrThrow();
    const errors = await db
      .selectFrom('upload_row_errors')
      .select(['line', 'reason'])
      .where('upload_id', '=', job.uploadId)
      .orderBy('line')
      .execute();
    const chains = await db
      .selectFrom('deliveries')
      .innerJoin('delivery_contacts as c', 'c.delivery_id', 'deliveries.delivery_id')
      .select(sql<string>`string_agg(c.contact_id, ' ' order by c.position)`.as('chain'))
      .where('upload_id', '=', job.uploadId)
      .groupBy('deliveries.delivery_id')
      .execute();
    return {
      counts: [upload.state, upload.rows_read, upload.rows_accepted, upload.rows_rejected, upload.deliveries_created],
      errors,
      chains: chains.map((c) => c.chain).sort(),
    };
  };
  const here = await outcome(0);
  expect(here.counts[0]).toBe('scheduling');
  expect(here.errors.length).toBeGreaterThan(250);
  expect(here.chains.some((c) => c.split(' ').length === 4)).toBe(true);
  expect(await outcome(2)).toEqual(here);
});
