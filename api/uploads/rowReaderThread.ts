/**
 * A worker thread of the first pass (rowReaders.ts): reads batches of CSV records as rows, in order.
 * Loaded by node as a file of its own: the bundle's dist/rowReaderThread.cjs, or this file through tsx.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { IntakeColumns } from '../../domain/csvIntake/columns';
import { readRow } from '../../domain/csvIntake/rows';
import type { RowBatch, RowBatchResult } from './rowReaders';

const { columns, defaultCountry } = workerData as { columns: IntakeColumns; defaultCountry?: string };

parentPort!.on('message', ({ id, records }: RowBatch) => {
  const reply: RowBatchResult = { id, results: records.map((r) => readRow(r.fields, r.line, columns, defaultCountry)) };
  parentPort!.postMessage(reply);
});
