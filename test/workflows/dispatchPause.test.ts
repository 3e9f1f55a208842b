/**
 * Pacing-rule pause on the time-skipping server: abandonment over the cap pauses the engagement; its
 * queued deliveries wait through a skipped day without a call; an operator's resume (a Temporal
 * update on the dispatcher) lets them dial.
 */
import { dispatcherWorkflowId } from '../../temporal/workflowIds';
import { pauseEngagementUpdate, resumeEngagementUpdate } from '../../workflows/dispatcherMessages';
import { dispatcherAtRest, dispatcherStatus, eventually, waitUntil } from '../helpers/waiting';
import { DAY, single, useTimeSkippingHarness } from '../helpers/timeSkippingHarness';

const h = useTimeSkippingHarness('dispatch-pause');

test('abandonment over the cap pauses the campaign across a skipped day until an operator resumes it', async () => {
  const engagementId = await h.engagement({
    routing: { queueId: 'q-ts', skills: [], queueDisplayNumber: '+15550109999' },
    // One call at a time (10% of the simulator's 10 representatives), so each abandon is seen in turn.
    pacingRules: { abandonmentCapPercent: 3, abandonmentWindowHours: 24, minimumLiveAnswers: 2, maxQueueSharePercent: 10 },
  });
  const numbers = ['+15550400001', '+15550400002', '+15550400003', '+15550400004'];
  for (const n of numbers) h.simulator.dialer.setNumber(n, { state: 'Answered', ringMs: 100, abandoned: true });
  const windows = await h.window(0, 3 * DAY);
  const ids: string[] = [];
  for (const [i, n] of numbers.entries()) ids.push(await h.create({ engagementId, contacts: [single(`c${i}`, n)], windows }));

  const paused = await eventually(
    () =>
      h.db.selectFrom('engagements').select(['state', 'state_reason']).where('engagement_id', '=', engagementId).executeTakeFirstOrThrow(),
    (e) => e.state === 'paused',
  );
  expect(paused.state_reason).toMatch(/abandonment 100\.0% of 2 live answers in 24 h is over the 3% cap/);
  const dialledBefore = numbers.filter((n) => h.simulator.dialer.callsTo(n).length > 0);
  expect(dialledBefore).toHaveLength(2);

  // Paused with nothing in flight, the dispatcher goes idle; across the skipped day its idle sleep
  // ends many times, and each wake-up is a tick that reads the backlog and grants nothing.
  const dispatcherId = dispatcherWorkflowId(h.taskQueue, 'queue:q-ts');
  const before = await dispatcherAtRest(h.client, dispatcherId, (s) => s.engagements.some((e) => e.state === 'paused'));
  await h.skip(DAY);
  await waitUntil(
    'the dispatcher to tick after the skipped day and go idle again',
    () => dispatcherStatus(h.client, dispatcherId),
    (s) => s.ticks > before.ticks && s.idle,
  );
  expect(numbers.filter((n) => h.simulator.dialer.callsTo(n).length > 0)).toHaveLength(2);
  const waiting = ids.filter((id) => !dialledBefore.some((n) => n === numbers[ids.indexOf(id)]));
  for (const id of waiting) expect((await h.delivery(id)).status).toBe('Pending');

  for (const n of numbers) h.simulator.dialer.setNumber(n, { state: 'Answered', ringMs: 100 });
  const dispatcher = h.client.workflow.getHandle(dispatcherId);
  await expect(dispatcher.executeUpdate(pauseEngagementUpdate, { args: [{ engagementId }] })).rejects.toThrow();
  const resumed = await dispatcher.executeUpdate(resumeEngagementUpdate, {
    args: [{ engagementId, reason: 'supervisor checked staffing' }],
  });
  expect(resumed).toMatchObject({ engagementId, state: 'active' });
  for (const id of waiting) expect(await h.result(id)).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  // The first two were abandoned and not reattempted (no reattempts configured).
  for (const id of ids.filter((id) => !waiting.includes(id)))
    expect(await h.result(id)).toMatchObject({ status: 'Complete', result: 'CallFailed' });
});
