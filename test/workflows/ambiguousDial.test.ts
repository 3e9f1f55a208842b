/**
 * A dialer that accepts /v2/call but answers too late (the engine gives up after 300 ms, the simulator
 * answers after 1.5 s, the call placed at once), through the whole delivery workflow on the
 * time-skipping server. Without deduplication the request is never sent again: the call is Unknown and
 * the delivery goes on as its reattempt rules say. With it, the activity asks again with the same
 * ConversationId after a backoff, and one call is placed. Never an Error while a person may have answered.
 */
import { DIAL_RETRY } from '../../domain/dialRetry';
import { single, type TimeSkippingHarness, useTimeSkippingHarness } from '../helpers/timeSkippingHarness';
import { eventually } from '../helpers/waiting';

const SLOW = { responseDelayMs: 1500 };

/** Every intent of the delivery reached the dialer exactly once. */
function expectOneDialerCallPerIntent(h: TimeSkippingHarness, callIds: string[]) {
  for (const id of callIds) expect(h.simulator.dialer.callsForConversation(id)).toHaveLength(1);
}

describe('a dialer that does not deduplicate ConversationId', () => {
  const h = useTimeSkippingHarness('ambiguous-dial-no-dedup', { timeoutMs: 300, deduplicatesConversationId: false });
  beforeEach(() => {
    h.simulator.dialer.deduplicatesConversationId = false;
  });

  test('an ambiguous call is Unknown, never re-sent; the reattempt (reason Failed) reaches the person', async () => {
    const engagementId = await h.engagement({ reattempts: { maxAttempts: 2, waitSeconds: 3600, reasons: ['Failed'] } });
    h.simulator.dialer.fault = SLOW;
    const deliveryId = await h.create({ engagementId, contacts: [single('u1', '+15550700001')] });
    // The first call is settled (Unknown) before the reattempt's wait; the dialer is well again by then.
    await eventually(
      () => h.calls(deliveryId),
      (rows) => rows[0]?.call_state === 'Unknown',
      30_000,
      50,
    );
    h.simulator.dialer.fault = {};
    expect(await h.result(deliveryId)).toMatchObject({ status: 'Complete', result: 'CallEnded' });

    const calls = await h.calls(deliveryId);
    expect(calls.map((c) => [c.attempt_number, c.call_state, c.reattempt_reason])).toEqual([
      [1, 'Unknown', 'Failed'],
      [2, 'Answered', null],
    ]);
    expect(h.simulator.dialer.requestsReceived).toBe(2);
    expectOneDialerCallPerIntent(
      h,
      calls.map((c) => c.call_id),
    );
    // Both calls hold a cap slot: the first may have rung.
    const touches = await h.db.selectFrom('contact_touches').select('touch_id').where('delivery_id', '=', deliveryId).execute();
    expect(touches.map((t) => t.touch_id).sort()).toEqual(calls.map((c) => c.call_id).sort());
  });

  test('no reattempt for Failed: the delivery ends unreached (CallFailed), not Error', async () => {
    const engagementId = await h.engagement();
    h.simulator.dialer.fault = SLOW;
    const { deliveryId, outcome } = await h.run({ engagementId, contacts: [single('u2', '+15550700002')] });
    expect(outcome).toMatchObject({ status: 'Complete', result: 'CallFailed' });
    expect((await h.delivery(deliveryId)).status).not.toBe('Error');
    expect(h.simulator.dialer.requestsReceived).toBe(1);
    expect((await h.calls(deliveryId)).map((c) => c.call_state)).toEqual(['Unknown']);
  });
});

describe('a dialer that deduplicates ConversationId', () => {
  const h = useTimeSkippingHarness('ambiguous-dial-dedup', { timeoutMs: 300, deduplicatesConversationId: true });

  test('slow twice: asked again with the same ConversationId after a growing backoff; one call, Complete', async () => {
    const engagementId = await h.engagement();
    // The dialer itself answers the first two late and the third at once: no race with the test's clock.
    h.simulator.dialer.fault = { ...SLOW, slowNextCalls: 2 };
    const started = Date.now();
    const deliveryId = await h.create({ engagementId, contacts: [single('d1', '+15550700003')] });
    expect(await h.result(deliveryId)).toMatchObject({ status: 'Complete', result: 'CallEnded' });

    expect(h.simulator.dialer.requestsReceived).toBe(3);
    const calls = await h.calls(deliveryId);
    expect(calls.map((c) => c.call_state)).toEqual(['Answered']);
    expectOneDialerCallPerIntent(h, [calls[0]!.call_id]);
    expect(h.simulator.dialer.listCalls()).toHaveLength(1);
    // Two retries waited the policy's backoff (2 s, then 4 s), not a fixed short interval.
    expect(Date.now() - started).toBeGreaterThanOrEqual(DIAL_RETRY.initialIntervalMs * (1 + DIAL_RETRY.backoffCoefficient) - 500);
  });
});
