/**
 * The life of a delivery (spec §3) on the time-skipping server with the real activities, Postgres
 * and the HTTP simulator: chains, reattempts, invalid numbers, dispositions, SMS follow-up,
 * cancellation, dialer faults, answering machines, abandonment and history size.
 */
import { DateTime } from 'luxon';
import { cancelDeliverySignal, dispositionsPostedSignal } from '../../workflows/deliveryMessages';
import { DAY, iso, localInstant, single, useTimeSkippingHarness } from '../helpers/timeSkippingHarness';
import { eventually } from '../helpers/waiting';

const h = useTimeSkippingHarness('delivery-lifecycle');

const HOUR = 3600 * 1000;

test('a chain of three: the second contact answers and the third is never called', async () => {
  const engagementId = await h.engagement();
  h.simulator.dialer.setNumber('+15550300001', { state: 'No Answer' });
  const { deliveryId, outcome } = await h.run({
    engagementId,
    contacts: [single('first', '+15550300001'), single('second', '+15550300002'), single('third', '+15550300003')],
  });
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  expect((await h.calls(deliveryId)).map((c) => [c.contact_id, c.call_state])).toEqual([
    ['first', 'No Answer'],
    ['second', 'Answered'],
  ]);
  expect(h.simulator.dialer.callsTo('+15550300003')).toHaveLength(0);
  expect((await h.delivery(deliveryId)).contact_id).toBe('second');
});

test('an invalid number is skipped on later attempts', async () => {
  const engagementId = await h.engagement({ reattempts: { maxAttempts: 2, waitSeconds: 3600, reasons: ['Busy', 'Failed'] } });
  h.simulator.dialer.setNumber('+15550300005', [{ state: 'Busy' }, { state: 'Answered' }]);
  const { deliveryId, outcome } = await h.run({
    engagementId,
    contacts: [
      {
        contactId: 'invalid-first',
        phones: [
          { type: 'mobile', number: '+15550100004' },
          { type: 'home', number: '+15550300005' },
        ],
      },
    ],
  });
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  expect((await h.calls(deliveryId)).map((c) => [c.attempt_number, c.to_address, c.call_state])).toEqual([
    [1, '+15550100004', 'Invalid Number'],
    [1, '+15550300005', 'Busy'],
    [2, '+15550300005', 'Answered'],
  ]);
});

test('every number invalid: the delivery ends CallFailed without waiting for another attempt', async () => {
  const engagementId = await h.engagement({ reattempts: { maxAttempts: 5, waitSeconds: 3600, reasons: ['Failed'] } });
  const { deliveryId, outcome } = await h.run({ engagementId, contacts: [single('all-invalid', '+15550100004')] });
  // An invalid address is never reattempted: the delivery ends after the attempt, not after waiting for another.
  expect(outcome).toMatchObject({
    status: 'Complete',
    result: 'CallFailed',
    detail: 'unreached after 1 attempt(s) (last: no reason)',
  });
  expect(await h.calls(deliveryId)).toHaveLength(1);
});

test('a reason the engagement does not list does not trigger a reattempt', async () => {
  const engagementId = await h.engagement({ reattempts: { maxAttempts: 3, waitSeconds: 60, reasons: ['Busy'] } });
  h.simulator.dialer.setNumber('+15550300006', { state: 'No Answer' });
  const { deliveryId, outcome } = await h.run({ engagementId, contacts: [single('no-answer', '+15550300006')] });
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallFailed' });
  expect(await h.calls(deliveryId)).toHaveLength(1);
});

test('a retry disposition code posted by the representative triggers a reattempt', async () => {
  const engagementId = await h.engagement({
    reattempts: {
      maxAttempts: 2,
      waitSeconds: 2 * 3600,
      reasons: [],
      retryDispositionCodes: ['CallBackLater'],
      dispositionWaitSeconds: 300,
    },
  });
  const deliveryId = await h.create({ engagementId, contacts: [single('wants-callback', '+15550300007')] });
  // Wait (in real time, no skipping) for the first call to be answered, then post the code.
  const first = await eventually(
    () => h.calls(deliveryId),
    (calls) => calls[0]?.call_state === 'Answered',
  );
  await h.handle(deliveryId).signal(dispositionsPostedSignal, { callId: first[0]!.call_id, codes: ['SpokeToCustomer', 'CallBackLater'] });
  const outcome = await h.result(deliveryId);
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  const calls = await h.calls(deliveryId);
  expect(calls.map((c) => c.attempt_number)).toEqual([1, 2]);
  expect(calls[1]!.requested_at.getTime() - calls[0]!.requested_at.getTime()).toBeGreaterThanOrEqual(2 * HOUR);
});

test('Busy on every attempt, then an SMS follow-up sent outside the SMS engagement quiet hours, linked both ways', async () => {
  const smsEngagement = await h.engagement({
    channel: 'sms',
    schedule: [{ type: 'mobile', quietHours: [{ start: '20:00', end: '09:00' }] }],
    sms: { senderNumber: '+15550309999', messageText: 'Hello {{firstName}}, we tried to call you about order {{orderNumber}}.' },
  });
  const voiceEngagement = await h.engagement({
    reattempts: { maxAttempts: 2, waitSeconds: 1800, reasons: ['Busy'] },
    smsFollowUpEngagementId: smsEngagement,
  });
  h.simulator.dialer.setNumber('+15550300008', { state: 'Busy' });
  h.simulator.dialer.setNumber('+15550300010', { state: 'Busy' });
  const zone = 'America/Chicago';
  const tomorrow = DateTime.fromMillis(await h.serverNow(), { zone })
    .startOf('day')
    .plus({ days: 1 });
  const opens = localInstant(tomorrow, 21); // voice calls at 21:00 and 21:30, inside the SMS quiet hours
  const { deliveryId, outcome } = await h.run({
    engagementId: voiceEngagement,
    contacts: [
      {
        contactId: 'sms-follow-up',
        timeZone: zone,
        state: 'IL',
        postalCode: '60601',
        phones: [
          { type: 'home', number: '+15550300010' },
          { type: 'mobile', number: '+15550300008' },
        ],
      },
    ],
    windows: [{ start: iso(opens.toMillis()), end: iso(opens.toMillis() + 2 * DAY) }],
    inputAttributes: { firstName: 'Ada', orderNumber: 'ORD-9' },
  });
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallFailed' });
  expect(outcome.followUpDeliveryId).toBeDefined();
  const sms = outcome.followUpDeliveryId!;
  expect(await h.result(sms)).toMatchObject({ status: 'Complete', result: 'MessageSent' });

  expect((await h.delivery(deliveryId)).follow_up_delivery_id).toBe(sms);
  const smsRow = await h.delivery(sms);
  expect(smsRow).toMatchObject({
    channel: 'sms',
    parent_delivery_id: deliveryId,
    engagement_id: smsEngagement,
    result: 'MessageSent',
    to_address: '+15550300008',
  });
  // The follow-up keeps the chain's location, so cancellation policies match it like its parent.
  expect(
    await h.db.selectFrom('delivery_contacts').select(['contact_id', 'state', 'postal_code']).where('delivery_id', '=', sms).execute(),
  ).toEqual([{ contact_id: 'sms-follow-up', state: 'IL', postal_code: '60601' }]);
  const messages = h.simulator.sms.messagesTo('+15550300008');
  expect(messages).toHaveLength(1);
  expect(messages[0]).toMatchObject({ from: '+15550309999', body: 'Hello Ada, we tried to call you about order ORD-9.' });
  const stored = await h.db.selectFrom('messages').selectAll().where('delivery_id', '=', sms).execute();
  expect(stored).toHaveLength(1);
  const sentAt = DateTime.fromJSDate(stored[0]!.requested_at).setZone(zone);
  expect(sentAt.toFormat('HH:mm')).toBe('09:00');
  expect(sentAt.toISODate()).toBe(tomorrow.plus({ days: 1 }).toISODate());
});

test('a cancellation by policy while waiting between attempts: Cancelled, policy kept, no further call', async () => {
  const engagementId = await h.engagement({ reattempts: { maxAttempts: 3, waitSeconds: 6 * 3600, reasons: ['Busy'] } });
  h.simulator.dialer.setNumber('+15550300011', { state: 'Busy' });
  const deliveryId = await h.create({ engagementId, contacts: [single('cancel-between', '+15550300011')] });
  await eventually(
    () => h.delivery(deliveryId),
    (d) => d.status === 'Pending' && d.call_id !== null,
  );
  await eventually(
    async () => (await h.handle(deliveryId).query('deliveryState')) as { status: string; attempt: number },
    (s) => s.status === 'Pending' && s.attempt === 1,
  );
  await h.handle(deliveryId).signal(cancelDeliverySignal, { reason: 'suppressed', policyId: 'policy-42' });
  expect(await h.result(deliveryId)).toMatchObject({ status: 'Cancelled', result: 'Cancelled' });
  expect(await h.delivery(deliveryId)).toMatchObject({ status: 'Cancelled', cancelled_by_policy_id: 'policy-42' });
  expect(h.simulator.dialer.callsTo('+15550300011')).toHaveLength(1);
});

test('a cancellation during a call lets the call finish, then cancels', async () => {
  const engagementId = await h.engagement();
  h.simulator.dialer.setNumber('+15550300012', { state: 'No Answer', ringMs: 1500 });
  const deliveryId = await h.create({
    engagementId,
    contacts: [single('cancel-during', '+15550300012'), single('next-in-chain', '+15550300013')],
  });
  await eventually(
    () => h.calls(deliveryId),
    (calls) => calls.length === 1,
  );
  await h.handle(deliveryId).signal(cancelDeliverySignal, { reason: 'operator' });
  expect(await h.result(deliveryId)).toMatchObject({ status: 'Cancelled' });
  expect((await h.calls(deliveryId)).map((c) => c.call_state)).toEqual(['No Answer']);
  expect(h.simulator.dialer.callsTo('+15550300013')).toHaveLength(0);
});

test('the dialer answers 5xx twice, then accepts: exactly one call is placed', async () => {
  const engagementId = await h.engagement();
  h.simulator.dialer.fault = { failNextCalls: 2 };
  const { deliveryId, outcome } = await h.run({ engagementId, contacts: [single('flaky-dialer', '+15550300014')] });
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  expect(h.simulator.dialer.requestsReceived).toBe(3);
  expect(h.simulator.dialer.callsTo('+15550300014')).toHaveLength(1);
  expect(await h.calls(deliveryId)).toHaveLength(1);
});

test('a dialer that refuses the call (4xx) ends the delivery in Error with the reason, and frees the cap slot', async () => {
  const engagementId = await h.engagement({ frequencyLimits: { perDay: 1 } });
  h.simulator.dialer.fault = { rejectNextCalls: 1 };
  const { deliveryId, outcome } = await h.run({ engagementId, contacts: [single('refused', '+15550300015')] });
  expect(outcome).toMatchObject({ status: 'Error', result: 'Error' });
  expect((await h.delivery(deliveryId)).error_reason).toMatch(/HTTP 403/);
  expect(await h.db.selectFrom('contact_touches').selectAll().where('contact_id', '=', 'refused').execute()).toHaveLength(0);
});

test('an answering machine with the voicemail action: voicemail left, not counted as reached', async () => {
  const engagementId = await h.engagement({ answeringMachine: { action: 'voicemail', voicemailMessage: 'Please call us back.' } });
  const { deliveryId, outcome } = await h.run({ engagementId, contacts: [single('machine', '+15550100005')] });
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallFailed' });
  expect(await h.calls(deliveryId)).toMatchObject([
    { answering_machine: true, voicemail_left: true, reattempt_reason: 'AnsweringMachine' },
  ]);
  expect(h.simulator.dialer.callsTo('+15550100005')[0]!.inputs).toMatchObject({
    _AnsweringMachineAction: 'voicemail',
    _VoicemailMessage: 'Please call us back.',
  });
});

test('a live answer abandoned (no representative within the abandonment seconds) is not reached, and reattempted', async () => {
  const engagementId = await h.engagement({
    reattempts: { maxAttempts: 2, waitSeconds: 600, reasons: ['NoAnswer'] },
    abandonment: { seconds: 1, message: 'We will call back.' },
  });
  // Dispatch only dials when a representative is available, so the dialer reports this abandonment
  // itself (the representative pool's own abandonment is covered by the simulator's tests and the dispatch e2e).
  h.simulator.dialer.setNumber('+15550300016', [{ state: 'Answered', abandoned: true }, { state: 'Answered' }]);
  const deliveryId = await h.create({ engagementId, contacts: [single('abandoned', '+15550300016')] });
  const outcome = await h.result(deliveryId);
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  const calls = await h.calls(deliveryId);
  expect(calls[0]).toMatchObject({ call_state: 'Answered', abandoned: true, reattempt_reason: 'NoAnswer' });
  expect(calls).toHaveLength(2);
});

test('display numbers: rules pick by contact field, and the reason is kept', async () => {
  const engagementId = await h.engagement({
    displayNumbers: { mode: 'rules', rules: [{ field: 'state', condition: 'equals', value: 'NY', number: '+12125550199' }] },
  });
  const { deliveryId } = await h.run({
    engagementId,
    contacts: [single('ny-caller-id', '+15550300017')],
    inputAttributes: { state: 'ny' },
  });
  expect(await h.calls(deliveryId)).toMatchObject([{ from_address: '+12125550199', display_number_reason: 'rule 1' }]);
  const other = await h.run({ engagementId, contacts: [single('tx-caller-id', '+15550300018')], inputAttributes: { state: 'TX' } });
  expect(await h.calls(other.deliveryId)).toMatchObject([{ from_address: '+15550109999', display_number_reason: 'no rule matched' }]);
});

test('ten unanswered attempts keep the history well under 1,000 events', async () => {
  const engagementId = await h.engagement({
    reattempts: { maxAttempts: 10, waitSeconds: 3600, reasons: ['NoAnswer'] },
    frequencyLimits: { perWeek: 50 },
  });
  h.simulator.dialer.setNumber('+15550300019', { state: 'No Answer', ringMs: 10 });
  const { deliveryId, outcome } = await h.run({
    engagementId,
    contacts: [single('ten-attempts', '+15550300019')],
    windows: await h.window(0, 3 * DAY),
  });
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallFailed' });
  expect(await h.attempts(deliveryId)).toHaveLength(10);
  const history = await h.handle(deliveryId).fetchHistory();
  expect(history.events!.length).toBeLessThan(600);
});
