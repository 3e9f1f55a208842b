/**
 * Waiting on events, not on time. A test that must show something did NOT happen waits for the
 * component that would have done it to have looked and decided (the dispatcher ticked, went idle,
 * the workflow reached a state), then asserts: it never sleeps a fixed time and hopes.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import type { Db } from '../../db/connect';
import type { ApiResponse } from './apiClient';
import { type DeliveryStatus, isFinalStatus } from '../../domain/delivery/deliveryStatus';
import { deliveryWorkflowId } from '../../temporal/workflowIds';
import { type DeliveryState, deliveryStateQuery } from '../../workflows/deliveryMessages';
import { type DispatcherStatus, dispatcherStatusQuery } from '../../workflows/dispatcherMessages';

/** Polls `read` until `done` holds or the deadline passes; returns the last value read (the caller asserts on it). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Like `eventually`, but a deadline passed is a failure naming what was awaited and the last value seen. */
export async function waitUntil<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const value = await eventually(read, done, timeoutMs, 100);
  if (!done(value)) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(value)}`);
  return value;
}

/** A workflow's query answer once `done` holds (a query may fail while the workflow is not yet running: retried). */
export async function workflowReached<T>(
  handle: WorkflowHandle,
  query: QueryDefinition<T>,
  done: (state: T) => boolean,
  what = `${handle.workflowId} to reach the expected state`,
  timeoutMs = 30_000,
): Promise<T> {
  const read = async () => handle.query(query).catch(() => undefined);
  return (await waitUntil(what, read, (s) => s !== undefined && done(s), timeoutMs)) as T;
}

/** The delivery workflow's own state once `done` holds (e.g. `(s) => s.dispatch === 'offered'`). */
export function deliveryReached(client: Client, deliveryId: string, done: (state: DeliveryState) => boolean, timeoutMs?: number) {
  const handle = client.workflow.getHandle(deliveryWorkflowId(deliveryId));
  return workflowReached(handle, deliveryStateQuery, done, `delivery ${deliveryId} to reach the expected state`, timeoutMs);
}

export function dispatcherStatus(client: Client, workflowId: string): Promise<DispatcherStatus> {
  return client.workflow.getHandle(workflowId).query(dispatcherStatusQuery);
}

/** Waits until the dispatcher has run `n` more ticks than when called (ticks are counted across continue-as-new). */
export async function dispatcherTicked(client: Client, workflowId: string, n: number, timeoutMs = 30_000): Promise<DispatcherStatus> {
  const from = (await workflowReached(client.workflow.getHandle(workflowId), dispatcherStatusQuery, () => true)).ticks;
  return waitUntil(
    `${workflowId} to tick ${n} times after tick ${from}`,
    () => dispatcherStatus(client, workflowId),
    (s) => s.ticks >= from + n,
    timeoutMs,
  );
}

/**
 * Waits until the dispatcher went idle (it read the backlog, granted what it would and found nothing
 * left to do: it sleeps until woken) with its last tick's view of the pool satisfying `seen`. Past this
 * point a grant it would have made has been made: "nothing was granted" can be asserted.
 */
export function dispatcherAtRest(
  client: Client,
  workflowId: string,
  seen: (status: DispatcherStatus) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<DispatcherStatus> {
  return waitUntil(
    `${workflowId} to go idle`,
    () => dispatcherStatus(client, workflowId).catch(() => undefined),
    (s) => s !== undefined && s.idle && seen(s),
    timeoutMs,
  ) as Promise<DispatcherStatus>;
}

/** The engagement as the dispatcher's last tick saw it. */
export function engagementSeen(status: DispatcherStatus, engagementId: string) {
  return status.engagements.find((e) => e.engagementId === engagementId);
}

/** The deliveries' rows once every one is final (Complete, Cancelled, Expired, Error); fails on the deadline. */
export async function deliveriesFinal(db: Db, ids: string[], timeoutMs = 60_000) {
  return waitUntil(
    `deliveries ${ids.join(', ')} to be final`,
    () => db.selectFrom('deliveries').select(['delivery_id', 'status', 'result']).where('delivery_id', 'in', ids).execute(),
    (rows) => rows.length === ids.length && rows.every((d) => isFinalStatus(d.status as DeliveryStatus)),
    timeoutMs,
  );
}

/** A delivery's API view (`GET /v1/deliveries/:id`) once `done` holds: by default, once it is final. */
export function deliveryViewWhen(
  api: { get(path: string): Promise<ApiResponse> },
  deliveryId: string,
  done: (view: DeliveryView) => boolean = (d) => isFinalStatus(d.status as DeliveryStatus),
  timeoutMs = 30_000,
): Promise<DeliveryView> {
  return waitUntil(
    `delivery ${deliveryId}'s view to reach the expected state`,
    async () => (await api.get(`/v1/deliveries/${deliveryId}`)).body as DeliveryView,
    (d) => d?.status !== undefined && done(d),
    timeoutMs,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DeliveryView = { status: string; result: string | null; [k: string]: any };
