/**
 * Preview decline on the time-skipping server: a representative declines an open offer or cancels an
 * accepted one before dialling (result CSRCancelled); the delivery is offered again after the re-offer
 * wait, and the last decline allowed ends it (domain/delivery/previewDecline.ts). A decline once the call
 * has started is rejected by the update's validator.
 */
import { PREVIEW_DECLINE_LIMIT, PREVIEW_REOFFER_MIN_SECONDS } from '../../domain/delivery/previewDecline';
import {
  acceptPreviewUpdate,
  declinePreviewUpdate,
  type DeliveryState,
  deliveryStateQuery,
  startPreviewCallUpdate,
} from '../../workflows/deliveryMessages';
import { dispatcherWorkflowId } from '../../temporal/workflowIds';
import { deliveryReached, dispatcherStatus } from '../helpers/waiting';
import { DAY, single, useTimeSkippingHarness } from '../helpers/timeSkippingHarness';

const h = useTimeSkippingHarness('preview-decline');

/** Each test its own pool: a backlog row a failed test leaves behind must not hold the next test's offer. */
async function previewEngagement(queueId: string): Promise<string> {
  h.simulator.dialer.setRepresentatives({ count: 1, handleMs: 100 });
  return h.engagement({
    dialMode: 'preview',
    // No countdown: the representative starts the call (or declines it).
    routing: { queueId, skills: [], queueDisplayNumber: '+15550109999' },
    // Not 600 s: the dispatcher's idle sleep is 10 minutes, and a re-offer landing on its wake-up was
    // seen not to be granted on the time-skipping server (see the report of this change).
    reattempts: { maxAttempts: 1, waitSeconds: 300 },
  });
}

/** The validator's words: the client's error says only "Workflow Update failed", its cause says why. */
const refusal = (update: Promise<unknown>) =>
  update.then(
    () => 'applied',
    (err: Error & { cause?: Error }) => err.cause?.message ?? err.message,
  );

/**
 * Until the delivery holds an offer. The server's clock stands still unless skipped, so a dispatcher
 * that ticked before the delivery came back (and sleeps a tick) is let tick: a second at a time.
 */
async function offered(id: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await h.handle(id).query(deliveryStateQuery)).dispatch !== 'offered') {
    if (Date.now() > deadline) {
      const rows = await h.db.selectFrom('dispatch_queue').selectAll().execute();
      const dispatcherId = dispatcherWorkflowId(h.taskQueue, rows[0]?.pool_key ?? '');
      const status = await dispatcherStatus(h.client, dispatcherId).catch((e: Error) => e.message);
      throw new Error(`delivery ${id} was not offered within 30 s; backlog ${JSON.stringify(rows)} dispatcher ${JSON.stringify(status)}`);
    }
    await h.skip(1000);
  }
}

async function events(id: string) {
  return h.db
    .selectFrom('delivery_events')
    .select(['seq', 'status', 'detail', 'data'])
    .where('delivery_id', '=', id)
    .orderBy('seq')
    .execute();
}

test('a declined offer is recorded as CSRCancelled, offered again after the wait, and the last decline ends the delivery', async () => {
  const engagementId = await previewEngagement('q-decline-1');
  const number = '+15550410001';
  h.simulator.dialer.setNumber(number, { state: 'Answered', ringMs: 100 });
  const id = await h.create({ engagementId, contacts: [single('c1', number)], windows: await h.window(0, 3 * DAY) });

  // 1: declined while open.
  await offered(id);
  const first = await h
    .handle(id)
    .executeUpdate(declinePreviewUpdate, { args: [{ representativeId: 'rep-7', reason: 'busy with a callback' }] });
  expect(first).toEqual({ declined: true, afterAccept: false });
  const waiting: DeliveryState = await deliveryReached(h.client, id, (s) => s.timerUntil !== undefined);
  expect(waiting).toMatchObject({ status: 'Pending', attempt: 0 });
  // The engagement's reattempt wait (300 s) is longer than the minimum: it applies.
  const before = await h.serverNow();
  expect(Date.parse(waiting.timerUntil!) - before).toBeGreaterThan(290_000);
  expect(Date.parse(waiting.timerUntil!) - before).toBeLessThanOrEqual(300_000);
  const row = await h.delivery(id);
  expect(row.status).toBe('Pending');
  expect(JSON.parse(JSON.stringify(row.waiting_for))).toMatchObject({ reason: 'reattempt-wait', detail: { result: 'CSRCancelled' } });
  const declinedEvent = (await events(id)).at(-1)!;
  expect(declinedEvent.detail).toMatch(
    /^CSRCancelled: preview offer declined by rep-7 \(busy with a callback\); offered again not before /,
  );
  expect(declinedEvent.data).toMatchObject({
    previewDecline: { result: 'CSRCancelled', representativeId: 'rep-7', afterAccept: false, reason: 'busy with a callback', declines: 1 },
  });
  expect(h.simulator.dialer.callsTo(number)).toHaveLength(0);
  expect(await h.attempts(id)).toEqual([]); // not a call: no attempt used

  // 2: offered again once the wait is over; accepted, then cancelled before dialling.
  await h.skip(Date.parse(waiting.timerUntil!) - (await h.serverNow()) + 1000);
  await offered(id);
  await h.handle(id).executeUpdate(acceptPreviewUpdate, { args: [{ representativeId: 'rep-8' }] });
  // Only the representative who accepted may cancel it.
  expect(await refusal(h.handle(id).executeUpdate(declinePreviewUpdate, { args: [{ representativeId: 'rep-7' }] }))).toBe(
    'the preview was accepted by rep-8',
  );
  expect(await h.handle(id).executeUpdate(declinePreviewUpdate, { args: [{ representativeId: 'rep-8' }] })).toEqual({
    declined: true,
    afterAccept: true,
  });
  const second = await deliveryReached(h.client, id, (s) => s.timerUntil !== undefined && s.dispatch === undefined);
  await h.skip(Date.parse(second.timerUntil!) - (await h.serverNow()) + 1000);

  // The last decline allowed ends the delivery: Complete / CSRCancelled, nobody called.
  for (let n = 3; n <= PREVIEW_DECLINE_LIMIT; n++) {
    await offered(id);
    await h.handle(id).executeUpdate(declinePreviewUpdate, { args: [{ representativeId: 'rep-9' }] });
    if (n < PREVIEW_DECLINE_LIMIT) {
      const s = await deliveryReached(h.client, id, (x) => x.timerUntil !== undefined && x.dispatch === undefined);
      await h.skip(Date.parse(s.timerUntil!) - (await h.serverNow()) + 1000);
    }
  }
  expect(await h.result(id)).toMatchObject({
    status: 'Complete',
    result: 'CSRCancelled',
    detail: `CSRCancelled: preview offer declined by rep-9; declined ${PREVIEW_DECLINE_LIMIT} time(s): not offered again`,
  });
  expect(await h.delivery(id)).toMatchObject({ status: 'Complete', result: 'CSRCancelled' });
  expect((await events(id)).map((e) => e.detail).filter((d) => d?.startsWith('CSRCancelled'))).toHaveLength(PREVIEW_DECLINE_LIMIT);
  expect((await events(id)).find((e) => /accepted preview cancelled before dialling by rep-8/.test(e.detail ?? ''))).toBeDefined();
  expect(h.simulator.dialer.callsTo(number)).toHaveLength(0);
  expect(await h.db.selectFrom('dispatch_queue').select('delivery_id').where('delivery_id', '=', id).execute()).toEqual([]);
  expect(PREVIEW_REOFFER_MIN_SECONDS).toBeLessThan(300); // the wait above was the engagement's own
});

test('a decline after the call started is rejected, and the call goes on', async () => {
  const engagementId = await previewEngagement('q-decline-2');
  const number = '+15550410002';
  // Rings for a while: the decline below arrives while the call is in progress.
  h.simulator.dialer.setNumber(number, { state: 'Answered', ringMs: 3000 });
  const id = await h.create({ engagementId, contacts: [single('c2', number)], windows: await h.window(0, DAY) });
  await offered(id);
  await h.handle(id).executeUpdate(acceptPreviewUpdate, { args: [{ representativeId: 'rep-7' }] });
  await h.handle(id).executeUpdate(startPreviewCallUpdate, { args: [{ representativeId: 'rep-7' }] });
  expect(await refusal(h.handle(id).executeUpdate(declinePreviewUpdate, { args: [{ representativeId: 'rep-7' }] }))).toMatch(
    /^this delivery has no preview offer to decline now \(the call has started, status (Pending|InProcess)\)$/,
  );
  expect(await h.result(id)).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  expect(h.simulator.dialer.callsTo(number)).toHaveLength(1);
  expect(
    (
      await h
        .handle(id)
        .query(deliveryStateQuery)
        .catch(() => undefined)
    )?.dispatch,
  ).toBeUndefined();
});
