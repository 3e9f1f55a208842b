import { stat } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import { ChainAssembler, ChainCounter, chainDelivery, type ChainDelivery } from '../../domain/csvIntake/chains';
import type { IntakeColumns } from '../../domain/csvIntake/columns';
import type { RowResult } from '../../domain/csvIntake/rows';
import type { EngagementConfig, EngagementSnapshot } from '../../domain/engagement';
import { insertUploadDeliveries, upsertUploadContacts } from '../../intake/uploadDeliveries';
import { type CsvRecord, csvRecords, CsvSyntaxError } from './csvRecords';
import { RECORDS_PER_BATCH, rowReader, type RowReader, type RowReaderOptions } from './rowReaders';
import { readValidatedRows, removeValidatedRows, ValidatedRowsWriter, validatedRowsPath } from './validatedRows';

/**
 * Deliveries written per transaction: each is whole (row, chain, attributes, first event) or absent.
 * Each table is written with one statement per transaction (arrays unnested), so a larger batch
 * means fewer round trips and commits; 2,000 keeps a transaction under a second on a busy machine.
 */
export const DELIVERIES_PER_TRANSACTION = 2000;
/**
 * Batches in flight at once: while one waits on Postgres the next is built and sent, and the server
 * works on both. Commits stay in file order (see storeBatch), so the stored batches are always a prefix.
 */
const BATCHES_IN_FLIGHT = 2;
/** Row errors written per statement, and rows between two progress updates while validating. */
const ERRORS_PER_INSERT = 500;
const PROGRESS_EVERY_ROWS = 5000;
/** Batches of records being read at once (rowReaders.ts): the parser stays ahead of the threads. */
const ROW_BATCHES_IN_FLIGHT = 4;

export interface UploadJob {
  uploadId: string;
  /** This run's claim on the upload (uploads.intake_run): a run taken over commits nothing more. */
  intakeRun: string;
  engagementId: string;
  config: EngagementConfig;
  snapshot: EngagementSnapshot;
  columns: IntakeColumns;
  defaultCountry?: string;
  /** Deliveries without windows get the 24 hours from here. */
  receivedAt: Date;
  file: string;
}

export interface ProcessOptions {
  /** Chains already stored by an interrupted run: both passes are deterministic, so skip that many. */
  skipChains?: number;
  deliveriesPerTransaction?: number;
  /** Batches in flight at once (default BATCHES_IN_FLIGHT; 1 stores them one after the other). */
  batchesInFlight?: number;
  /** Awaited before a batch's transaction opens (tests use it to stop a run between two batches). */
  beforeBatch?: (index: number) => Promise<void>;
  /** Told after each batch is committed. */
  afterBatch?: (index: number) => void;
  /** Where the first pass reads rows (tests force threads on a small file). */
  rowReader?: RowReaderOptions;
}

/**
 * Validates then stores a spooled CSV file (the header is checked already). Two passes, so nothing is
 * stored before every row has been judged and every chain is known:
 * 1. validating: each row checked, row errors recorded by line, each chain's last line remembered,
 *    accepted rows spooled as they were read (validatedRows.ts);
 * 2. storing: the accepted rows read back, gathered into chains, written 2,000 deliveries a transaction
 *    with their contacts upserted; the scheduling workflow starts their workflows meanwhile.
 * A failure marks the upload failed; the deliveries already written are whole and get scheduled.
 * The count of deliveries created is committed with each batch: a run resumed after a crash skips
 * exactly the chains already stored (resumeUploads.ts).
 */
export async function processUpload(db: Db, job: UploadJob, options: ProcessOptions = {}): Promise<void> {
  const rowsFile = validatedRowsPath(job.file);
  try {
    const lastLines = await validate(db, job, rowsFile, options.rowReader);
    await setState(db, job, 'storing');
    await store(db, job, rowsFile, lastLines, options);
    await db
      .updateTable('uploads')
      .set({ state: 'scheduling', stored_at: new Date(), updated_at: new Date() })
      .where('upload_id', '=', job.uploadId)
      .where('intake_run', '=', job.intakeRun)
      .where('state', '=', 'storing')
      .execute();
  } catch (err) {
    if (err instanceof IntakeTakenOver) return; // the other run reports
    const message =
      err instanceof CsvSyntaxError
        ? `the file is not valid CSV${err.line ? ` at line ${err.line}` : ''}: ${err.message}`
        : (err as Error).message;
    await db
      .updateTable('uploads')
      .set({ state: 'failed', error: message.slice(0, 2000), updated_at: new Date() })
      .where('upload_id', '=', job.uploadId)
      .where('intake_run', '=', job.intakeRun)
      .where('state', 'in', ['validating', 'storing'])
      .execute();
  } finally {
    await removeValidatedRows(rowsFile);
  }
}

class IntakeTakenOver extends Error {
  constructor() {
    super('another run took this upload over');
  }
}

async function setState(db: Db, job: UploadJob, state: string): Promise<void> {
  const owned = await db
    .updateTable('uploads')
    .set({ state, updated_at: new Date() })
    .where('upload_id', '=', job.uploadId)
    .where('intake_run', '=', job.intakeRun)
    .where('state', 'in', ['validating', 'storing'])
    .executeTakeFirst();
  if (Number(owned.numUpdatedRows) !== 1) throw new IntakeTakenOver();
}

/** The first pass: spools the accepted rows to `rowsFile`; returns each chain's last accepted line. */
async function validate(db: Db, job: UploadJob, rowsFile: string, readerOptions?: RowReaderOptions): Promise<ReadonlyMap<string, number>> {
  const reader = rowReader((await stat(job.file)).size, job.columns, job.defaultCountry, readerOptions);
  const accepted = new ValidatedRowsWriter(rowsFile);
  try {
    return await validateInto(db, job, reader, accepted);
  } finally {
    await Promise.all([accepted.close(), reader.close()]);
  }
}

async function validateInto(
  db: Db,
  job: UploadJob,
  reader: RowReader,
  accepted: ValidatedRowsWriter,
): Promise<ReadonlyMap<string, number>> {
  const chains = new ChainCounter();
  const counts = { read: 0, accepted: 0, rejected: 0 };
  let errors: Array<{ upload_id: string; line: number; reason: string }> = [];
  const flush = async () => {
    if (errors.length > 0)
      await db
        .insertInto('upload_row_errors')
        .values(errors)
        .onConflict((oc) => oc.doNothing())
        .execute();
    errors = [];
    const owned = await db
      .updateTable('uploads')
      .set({ rows_read: counts.read, rows_accepted: counts.accepted, rows_rejected: counts.rejected, updated_at: new Date() })
      .where('upload_id', '=', job.uploadId)
      .where('intake_run', '=', job.intakeRun)
      .executeTakeFirst();
    if (Number(owned.numUpdatedRows) !== 1) throw new IntakeTakenOver();
  };
  // Batches being read, oldest first: their rows are judged in file order as they come back.
  const reading: Array<{ records: CsvRecord[]; rows: Promise<RowResult[]> }> = [];
  const judgeOldest = async () => {
    const { records, rows } = reading.shift()!;
    const results = await rows;
    for (const [i, record] of records.entries()) {
      counts.read += 1;
      const result = results[i]!;
      const reason = result.ok ? chains.admit(result.row) : result.reason;
      if (reason === undefined && result.ok) {
        counts.accepted += 1;
        await accepted.write(result.row);
      } else {
        counts.rejected += 1;
        errors.push({ upload_id: job.uploadId, line: record.line, reason: reason! });
      }
      if (errors.length >= ERRORS_PER_INSERT || counts.read % PROGRESS_EVERY_ROWS === 0) await flush();
    }
  };
  const send = async (records: CsvRecord[]) => {
    const rows = reader.read(records);
    // Awaited in turn, maybe only after an earlier batch failed: never an unhandled rejection meanwhile.
    rows.catch(() => undefined);
    reading.push({ records, rows });
    if (reading.length >= ROW_BATCHES_IN_FLIGHT) await judgeOldest();
  };
  let header = true;
  let batch: CsvRecord[] = [];
  for await (const record of csvRecords(job.file)) {
    if (header) {
      header = false;
      continue;
    }
    batch.push(record);
    if (batch.length >= RECORDS_PER_BATCH) {
      await send(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await send(batch);
  while (reading.length > 0) await judgeOldest();
  await flush();
  return chains.lastLines;
}

/** The second pass: whole deliveries, a transaction per batch, BATCHES_IN_FLIGHT of them at once. */
async function store(
  db: Db,
  job: UploadJob,
  rowsFile: string,
  lastLines: ReadonlyMap<string, number>,
  options: ProcessOptions,
): Promise<void> {
  const assembler = new ChainAssembler(lastLines);
  const perTransaction = options.deliveriesPerTransaction ?? DELIVERIES_PER_TRANSACTION;
  let skip = options.skipChains ?? 0;
  let batch: ChainDelivery[] = [];
  const inFlight: Array<Promise<void>> = [];
  let previous: BatchTurn = { contactsUpserted: Promise.resolve(), committed: Promise.resolve() };
  let index = 0;
  const send = async (chains: ChainDelivery[]) => {
    if (chains.length === 0) return;
    await options.beforeBatch?.(index);
    const i = index++;
    const turn = storeBatch(db, job, chains, previous);
    previous = turn;
    const settled = turn.committed.then(() => options.afterBatch?.(i));
    // Awaited below or in store(), maybe only after it rejects: until then it must not count as an
    // unhandled rejection (Node would end the process).
    settled.catch(() => undefined);
    inFlight.push(settled);
    // A failed batch fails every later one (they wait for its commit): the oldest settles first.
    if (inFlight.length >= (options.batchesInFlight ?? BATCHES_IN_FLIGHT)) await inFlight.shift();
  };
  const reading = (async () => {
    for await (const row of readValidatedRows(rowsFile)) {
      const chain = assembler.add(row);
      if (!chain) continue;
      if (skip > 0) {
        skip -= 1;
        continue;
      }
      batch.push(chainDelivery(chain));
      if (batch.length >= perTransaction) {
        await send(batch);
        batch = [];
      }
    }
    await send(batch);
  })();
  // Never return with a transaction still running behind a failure: every batch sent settles first.
  const read = await Promise.allSettled([reading]);
  const settled = await Promise.allSettled(inFlight);
  const failed = [...read, ...settled].find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  if (assembler.pending > 0)
    throw new Error(`${assembler.pending} chain(s) were not complete at the end of the file: it changed while being read`);
}

interface BatchTurn {
  /** This batch holds the row locks of its contacts (or gave up). */
  contactsUpserted: Promise<void>;
  /** This batch is committed; rejects when it rolled back. */
  committed: Promise<void>;
}

/**
 * One batch in its own transaction, overlapping with the one before it. It upserts its contacts only
 * once the previous batch has upserted its own: a contact in both then waits on the previous batch's
 * commit, never the other way round (which would deadlock outside Postgres' sight). It counts itself
 * on the upload only once the previous batch has committed, so the batches committed are always the
 * first ones and a resumed run can skip them by count (resumeUploads.ts).
 */
function storeBatch(db: Db, job: UploadJob, batch: ChainDelivery[], previous: BatchTurn): BatchTurn {
  let contactsDone!: () => void;
  const contactsUpserted = new Promise<void>((resolve) => (contactsDone = resolve));
  const now = new Date();
  const committed = db
    .transaction()
    .execute(async (trx) => {
      try {
        await previous.contactsUpserted;
        await upsertUploadContacts(trx, job, batch, now);
      } finally {
        contactsDone();
      }
      const { created, suppressed } = await insertUploadDeliveries(trx, job, batch, now);
      await previous.committed;
      const owned = await trx
        .updateTable('uploads')
        .set({
          deliveries_created: sql`deliveries_created + ${created}`,
          deliveries_suppressed: sql`deliveries_suppressed + ${suppressed}`,
          updated_at: now,
        })
        .where('upload_id', '=', job.uploadId)
        .where('intake_run', '=', job.intakeRun)
        .where('state', '=', 'storing')
        .executeTakeFirst();
      // Taken over by a resumed run (or failed meanwhile): roll this batch back and stop.
      if (Number(owned.numUpdatedRows) !== 1) throw new IntakeTakenOver();
    })
    .finally(() => contactsDone());
  // Observed by the next batch and by store(); never an unhandled rejection on its own.
  committed.catch(() => undefined);
  return { contactsUpserted, committed };
}
