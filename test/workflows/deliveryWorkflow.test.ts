/**
 * The basic paths of the delivery workflow on the time-skipping server, with its real activities
 * against Postgres and the HTTP dialer simulator: days of waiting pass in seconds.
 */
import { cancelDeliverySignal } from '../../workflows/deliveryMessages';
import { DAY, single, useTimeSkippingHarness } from '../helpers/timeSkippingHarness';

const h = useTimeSkippingHarness('delivery-workflow');

test('a delivery whose window opens in 3 days waits for it, then completes, without waiting 3 days', async () => {
  const engagementId = await h.engagement();
  const startedAt = await h.serverNow();
  const opens = startedAt + 3 * DAY;
  const realStart = Date.now();
  const { outcome, deliveryId } = await h.run({
    engagementId,
    contacts: [single('c1', '+15550100001')],
    windows: await h.window(3 * DAY, 3600_000),
  });

  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  expect((await h.serverNow()) - startedAt).toBeGreaterThanOrEqual(3 * DAY - 60_000);
  expect(Date.now() - realStart).toBeLessThan(DAY);
  const row = await h.delivery(deliveryId);
  expect(row).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  // The call was placed inside the window, in workflow time.
  expect(row.start_date!.getTime()).toBeGreaterThanOrEqual(opens - 1000);
  const calls = h.simulator.dialer.callsTo('+15550100001');
  expect(calls).toHaveLength(1);
  expect(calls[0]!.displayNumber).toBe('+15550109999');
});

test('a busy number with no reattempts configured ends CallFailed after one call', async () => {
  const engagementId = await h.engagement();
  const { outcome, deliveryId } = await h.run({ engagementId, contacts: [single('c2', '+15550100002')] });
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallFailed' });
  expect(h.simulator.dialer.callsTo('+15550100002')).toHaveLength(1);
  expect((await h.calls(deliveryId)).map((c) => [c.call_state, c.reattempt_reason])).toEqual([['Busy', 'Busy']]);
});

test('busy, then a reattempt after the configured wait is answered', async () => {
  const engagementId = await h.engagement({ reattempts: { maxAttempts: 3, waitSeconds: 6 * 3600, reasons: ['Busy', 'NoAnswer'] } });
  h.simulator.dialer.setNumber('+15550177001', [{ state: 'Busy' }, { state: 'Answered' }]);
  const { outcome, deliveryId } = await h.run({ engagementId, contacts: [single('c3', '+15550177001')] });
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  const attempts = await h.attempts(deliveryId);
  expect(attempts).toHaveLength(2);
  expect(attempts[1]!.started_at.getTime() - attempts[0]!.ended_at!.getTime()).toBeGreaterThanOrEqual(6 * 3600_000);
});

test('windows that have all closed end the delivery Expired without a call', async () => {
  const engagementId = await h.engagement();
  const { outcome, deliveryId } = await h.run({
    engagementId,
    contacts: [single('c4', '+15550177002')],
    windows: await h.window(-DAY, 3600_000),
  });
  expect(outcome).toMatchObject({ status: 'Expired', result: 'Expired' });
  expect(h.simulator.dialer.callsTo('+15550177002')).toHaveLength(0);
  expect((await h.delivery(deliveryId)).status).toBe('Expired');
});

test('a window that closes while waiting between attempts ends Expired', async () => {
  const engagementId = await h.engagement({ reattempts: { maxAttempts: 3, waitSeconds: 6 * 3600, reasons: ['NoAnswer'] } });
  h.simulator.dialer.setNumber('+15550177003', { state: 'No Answer' });
  const { outcome } = await h.run({ engagementId, contacts: [single('c5', '+15550177003')], windows: await h.window(0, 3600_000) });
  expect(outcome).toMatchObject({ status: 'Expired', result: 'Expired' });
  expect(h.simulator.dialer.callsTo('+15550177003')).toHaveLength(1);
});

test('a cancellation while waiting for the window ends the delivery Cancelled and places no call', async () => {
  const engagementId = await h.engagement();
  const deliveryId = await h.create({ engagementId, contacts: [single('c6', '+15550177004')], windows: await h.window(2 * DAY, 3600_000) });
  await h.handle(deliveryId).signal(cancelDeliverySignal, { reason: 'customer asked', policyId: 'policy-7' });
  expect(await h.result(deliveryId)).toMatchObject({ status: 'Cancelled', result: 'Cancelled' });
  expect(h.simulator.dialer.callsTo('+15550177004')).toHaveLength(0);
  const events = await h.db.selectFrom('delivery_events').selectAll().where('delivery_id', '=', deliveryId).orderBy('seq').execute();
  expect(events.at(-1)).toMatchObject({ status: 'Cancelled', detail: 'customer asked by policy policy-7' });
});

test('a chain tries the next contact when the first does not answer, mobile before home', async () => {
  const engagementId = await h.engagement();
  const { outcome, deliveryId } = await h.run({
    engagementId,
    contacts: [
      single('first', '+15550100003'),
      {
        contactId: 'second',
        phones: [
          { type: 'home', number: '+15550177005' },
          { type: 'mobile', number: '+15550100004' },
        ],
      },
    ],
  });
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  expect((await h.calls(deliveryId)).map((c) => [c.to_address, c.call_state])).toEqual([
    ['+15550100003', 'No Answer'],
    ['+15550100004', 'Invalid Number'],
    ['+15550177005', 'Answered'],
  ]);
});

test("a display-number rule on state picks its number from the contact's state, not from an input attribute", async () => {
  const engagementId = await h.engagement({
    displayNumbers: { mode: 'rules', rules: [{ field: 'state', condition: 'equals', value: 'NY', number: '+12125550199' }] },
  });
  const newYorker = { ...single('ny-contact', '+15550177101'), state: 'NY', postalCode: '10001', country: 'US' };
  const { outcome, deliveryId } = await h.run({ engagementId, contacts: [newYorker], inputAttributes: { AccountId: 'A-1' } });
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  expect(h.simulator.dialer.callsTo('+15550177101').map((c) => c.displayNumber)).toEqual(['+12125550199']);
  expect((await h.calls(deliveryId)).map((c) => [c.from_address, c.display_number_reason])).toEqual([['+12125550199', 'rule 1']]);

  // The same rule with a contact of another state falls back to the queue's number.
  const { deliveryId: other } = await h.run({ engagementId, contacts: [{ ...single('nj-contact', '+15550177102'), state: 'NJ' }] });
  expect((await h.calls(other)).map((c) => [c.from_address, c.display_number_reason])).toEqual([['+15550109999', 'no rule matched']]);
});
