/**
 * A worker thread of the first pass (rowReaders.ts): reads batches of CSV records as rows, in order.
 * Loaded by node as a file of its own: the bundle's dist/rowReaderThread.cjs, or this file through tsx.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type RowBatch, type RowBatchResult, type RowReaderSetup, readRows } from './rowReaders';

const setup = workerData as RowReaderSetup;

parentPort!.on('message', ({ id, records }: RowBatch) => {
  const reply: RowBatchResult = { id, results: readRows(setup, records) };
  parentPort!.postMessage(reply);
});
