/**
 * The request id of the work in progress in this process: the API's HTTP request, or the activity
 * a worker runs for a request. The Temporal client interceptor reads it, so whatever that work starts
 * or signals carries the id on (an upload's request id reaches the deliveries its scheduling starts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<string>();

/** Runs `fn` (and everything it awaits or schedules) as work for `requestId`. */
export function runWithRequestId<T>(requestId: string | undefined, fn: () => T): T {
  return requestId === undefined ? fn() : storage.run(requestId, fn);
}

/** The request id of the current work, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore();
}
