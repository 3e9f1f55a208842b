import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { IntakeColumns } from '../../domain/csvIntake/columns';
import { readRow, type RowResult } from '../../domain/csvIntake/rows';
import type { CsvRecord } from './csvRecords';

/**
 * Reading a row (readRow) is most of the first pass's CPU, phone-number parsing above all, while the
 * CSV parser, the chain counter and the spool must stay in file order on one thread. So a large file's
 * rows are read on worker threads, batch by batch, while this thread parses the next records; the
 * results come back in file order. A small file is read on this thread: a thread costs more to start
 * (loading the domain modules and phone metadata) than its rows take.
 */
export interface RowReader {
  /** Worker threads reading (0: this thread). */
  readonly threads: number;
  /** The rows of these records, in their order. */
  read(records: CsvRecord[]): Promise<RowResult[]>;
  close(): Promise<void>;
}

export interface RowReaderOptions {
  /** Worker threads: 0 reads on this thread (default: one per core but one, at most 3; 0 below `minBytes`). */
  threads?: number;
  /** Files smaller than this are read on this thread when `threads` is not given (default 1 MiB). */
  minBytes?: number;
  /** The file this module runs from, which says where the thread's file is (tests: the bundle's). */
  moduleFile?: string;
}

/** Records per message: large enough that the messaging is small beside the reading. */
export const RECORDS_PER_BATCH = 1000;
const DEFAULT_MIN_BYTES = 1024 * 1024;

/** What a reader needs besides the records: the header's columns, the upload's default country. */
export interface RowReaderSetup {
  columns: IntakeColumns;
  defaultCountry?: string;
}

/** Reads records as rows, here or on a thread (rowReaderThread.ts). */
export function readRows({ columns, defaultCountry }: RowReaderSetup, records: CsvRecord[]): RowResult[] {
  return records.map((r) => readRow(r.fields, r.line, columns, defaultCountry));
}

export interface RowBatch {
  id: number;
  records: CsvRecord[];
}
export interface RowBatchResult {
  id: number;
  results: RowResult[];
}

export function rowReader(
  fileBytes: number,
  columns: IntakeColumns,
  defaultCountry: string | undefined,
  options: RowReaderOptions = {},
): RowReader {
  const threads =
    options.threads ?? (fileBytes < (options.minBytes ?? DEFAULT_MIN_BYTES) ? 0 : Math.max(0, Math.min(3, availableParallelism() - 1)));
  const setup: RowReaderSetup = { columns, defaultCountry };
  if (threads === 0) return { threads, read: async (records) => readRows(setup, records), close: async () => undefined };
  return new ThreadRowReader(threads, setup, options.moduleFile ?? __filename);
}

class ThreadRowReader implements RowReader {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (r: RowResult[]) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(
    readonly threads: number,
    setup: RowReaderSetup,
    moduleFile: string,
  ) {
    this.workers = Array.from({ length: threads }, () => {
      const worker = startThread(setup, moduleFile);
      worker.on('message', ({ id, results }: RowBatchResult) => {
        this.waiting.get(id)?.resolve(results);
        this.waiting.delete(id);
      });
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => this.fail(new Error(`a row reader thread exited (code ${code})`)));
      return worker;
    });
  }

  read(records: CsvRecord[]): Promise<RowResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const batch: RowBatch = { id, records };
      this.workers[id % this.workers.length]!.postMessage(batch);
    });
  }

  /** A thread that fails or exits fails every batch waiting, and every later one. */
  private fail(err: Error): void {
    this.failure ??= new Error(`reading the rows failed: ${err.message}`);
    for (const { reject } of this.waiting.values()) reject(this.failure);
    this.waiting.clear();
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the row reader is closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * The thread's file: beside the bundle when running from it (`npm run build:api` writes both), else
 * the TypeScript source, loaded through tsx as the rest of the process was (npm start, tests).
 */
function startThread(workerData: RowReaderSetup, moduleFile: string): Worker {
  const dir = path.dirname(moduleFile);
  if (path.extname(moduleFile) !== '.ts') return new Worker(path.join(dir, 'rowReaderThread.cjs'), { workerData });
  const source = path.join(dir, 'rowReaderThread.ts');
  const loader = require.resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(loader)}); require(${JSON.stringify(source)});`, { eval: true, workerData });
}
