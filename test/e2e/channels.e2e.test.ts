/**
 * Channels and dial modes over HTTP on the real stack (dev server, Postgres, simulator, worker, API):
 * an SMS the gateway fails, frequency caps counted across voice and SMS, and a predictive engagement
 * dialled end to end through its dispatcher.
 */
import { dispatcherWorkflowId } from '../../temporal/workflowIds';
import { engineApi } from '../helpers/engineApi';
import { useEngineStack } from '../helpers/useEngineStack';
import { deliveriesFinal, dispatcherStatus, waitUntil } from '../helpers/waiting';

const TASK_QUEUE = 'e2e-channels';
const e2e = useEngineStack(TASK_QUEUE, { dispatcherOptions: { tickMs: 250 } });
afterEach(() => e2e.stack.simulator.reset());

const { as, engagement, deliver, nextNumber } = engineApi(e2e, '080');
const db = () => e2e.stack.database.db;
const sms = (senderNumber: string, extra: Record<string, unknown> = {}) => ({
  channel: 'sms',
  sms: { senderNumber, messageText: 'Your order {{orderNumber}} is ready.' },
  ...extra,
});
const view = async (deliveryId: string) => (await as('integration').get(`/v1/deliveries/${deliveryId}`)).body;
/** The delivery's own view once it says it waits for `reason` (the workflow recorded the wait). */
const waitingFor = (deliveryId: string, reason: string) =>
  waitUntil(
    `delivery ${deliveryId} to wait for ${reason}`,
    () => view(deliveryId),
    (d) => d.waitingFor?.reason === reason,
  );

test('an SMS the gateway fails ends Complete / MessageFailed; one it accepts, MessageSent', async () => {
  await engagement('sms-fail', 'q-sms', sms('+15550808888'));
  const failing = nextNumber();
  e2e.stack.simulator.sms.setNumber(failing, 'Failed');
  const failed = await deliver('sms-fail', failing, { inputAttributes: { orderNumber: 'ORD-1' } });
  const sent = await deliver('sms-fail', nextNumber(), { inputAttributes: { orderNumber: 'ORD-2' } });
  const rows = await deliveriesFinal(db(), [failed.deliveryId, sent.deliveryId]);
  expect(rows.find((r) => r.delivery_id === failed.deliveryId)).toMatchObject({ status: 'Complete', result: 'MessageFailed' });
  expect(rows.find((r) => r.delivery_id === sent.deliveryId)).toMatchObject({ status: 'Complete', result: 'MessageSent' });
  expect(e2e.stack.simulator.sms.messagesTo(failing)).toEqual([
    expect.objectContaining({ status: 'Failed', from: '+15550808888', body: 'Your order ORD-1 is ready.' }),
  ]);
  expect(e2e.stack.simulator.sms.messagesTo(sent.number)).toEqual([expect.objectContaining({ status: 'Sent' })]);
  expect(e2e.stack.simulator.dialer.listCalls().filter((c) => [failing, sent.number].includes(c.destination))).toEqual([]);
  const report = (await as('supervisor').get('/v1/engagements/sms-fail/report')).body;
  expect(report.sms).toEqual({ sent: 1, failed: 1 });
});

test('frequency caps count calls and SMS together: a contact called today is not texted, one texted is not called', async () => {
  await engagement('cap-voice', 'q-cap', { frequencyLimits: { perDay: 1 } });
  await engagement('cap-sms', 'q-cap-sms', sms('+15550807777', { frequencyLimits: { perDay: 1 } }));

  // Called by voice (one touch, the day's one), then an SMS for the same contact waits for the cap.
  const number = nextNumber();
  const call = await deliver('cap-voice', number);
  expect((await deliveriesFinal(db(), [call.deliveryId]))[0]!.result).toBe('CallEnded');
  const text = await deliver('cap-sms', number);
  expect((await waitingFor(text.deliveryId, 'frequency-cap')).status).toBe('Pending');
  expect(e2e.stack.simulator.sms.messagesTo(number)).toEqual([]);

  // And the other way round: texted first, then a call for the same contact waits.
  const other = nextNumber();
  const firstText = await deliver('cap-sms', other);
  expect((await deliveriesFinal(db(), [firstText.deliveryId]))[0]!.result).toBe('MessageSent');
  const secondCall = await deliver('cap-voice', other);
  expect((await waitingFor(secondCall.deliveryId, 'frequency-cap')).status).toBe('Pending');
  expect(e2e.stack.simulator.dialer.listCalls().filter((c) => c.destination === other)).toEqual([]);

  for (const d of [text, secondCall])
    expect((await as('supervisor').post(`/v1/deliveries/${d.deliveryId}/cancel`, { reason: 'test over' })).status).toBe(202);
  await deliveriesFinal(db(), [text.deliveryId, secondCall.deliveryId]);
});

test('predictive: the dispatcher paces a predictive engagement over the simulator and every delivery completes', async () => {
  await engagement('predictive', 'q-predictive', { dialMode: 'predictive' });
  e2e.stack.simulator.dialer.setRepresentatives({ count: 2, handleMs: 150 });
  const numbers = Array.from({ length: 12 }, () => nextNumber());
  for (const n of numbers) e2e.stack.simulator.dialer.setNumber(n, { state: 'Answered', ringMs: 200 });
  const ds = [];
  for (const n of numbers) ds.push(await deliver('predictive', n));
  const rows = await deliveriesFinal(
    db(),
    ds.map((d) => d.deliveryId),
    120_000,
  );
  expect(rows.filter((r) => r.result === 'CallEnded')).toHaveLength(12);
  const calls = e2e.stack.simulator.dialer.listCalls().filter((c) => numbers.includes(c.destination));
  expect(calls).toHaveLength(12);
  // Every live answer reached a representative: nothing abandoned on the way.
  expect(calls.filter((c) => c.connectedAt !== undefined)).toHaveLength(12);

  // The dispatcher granted them, and its decisions were taken in predictive mode.
  const status = await dispatcherStatus(e2e.stack.temporal, dispatcherWorkflowId(TASK_QUEUE, 'queue:q-predictive'));
  expect(status.granted).toBeGreaterThanOrEqual(12);
  const pacing = await waitUntil(
    'the pacing decisions of the predictive engagement',
    async () => (await as('supervisor').get('/v1/engagements/predictive/pacing')).body,
    (b) => b.decisions.reduce((n: number, d: { granted: number }) => n + d.granted, 0) >= 12,
  );
  for (const d of pacing.decisions.filter((x: { granted: number }) => x.granted > 0))
    expect(d.engagement).toMatchObject({ dialMode: 'predictive' });
});
