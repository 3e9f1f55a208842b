/**
 * A delivery's workflow closed from outside the engine (Temporal UI, `temporal workflow cancel` or
 * `terminate`): Postgres ends the delivery too, with the reason, and gives back its dial slot.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { createReconciliationActivities, type ReconcileResult } from '../../activities/reconciliation';
import { WORKFLOW_CANCELLED_DETAIL } from '../../domain/delivery/outsideEnds';
import { DAY, single, useTimeSkippingHarness } from '../helpers/timeSkippingHarness';
import { eventually } from '../helpers/waiting';

const h = useTimeSkippingHarness('external-cancellation');

async function closedAs(deliveryId: string): Promise<string> {
  const d = await eventually(
    () => h.handle(deliveryId).describe(),
    (x) => x.status.name !== 'RUNNING',
  );
  return d.status.name;
}

async function lastEvent(deliveryId: string) {
  return h.db
    .selectFrom('delivery_events')
    .selectAll()
    .where('delivery_id', '=', deliveryId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

test('cancelled in Temporal while waiting for its window: Cancelled in Postgres with the reason', async () => {
  const engagementId = await h.engagement();
  const deliveryId = await h.create({ engagementId, contacts: [single('outside-cancel', '+15550500001')], windows: await h.window(DAY) });
  await eventually(
    async () => (await h.handle(deliveryId).query('deliveryState')) as { timerUntil?: string },
    (s) => s.timerUntil !== undefined,
  );
  await h.handle(deliveryId).cancel();
  expect(await closedAs(deliveryId)).toBe('CANCELLED');
  expect(await h.delivery(deliveryId)).toMatchObject({ status: 'Cancelled', result: 'Cancelled' });
  expect(await lastEvent(deliveryId)).toMatchObject({ status: 'Cancelled', detail: WORKFLOW_CANCELLED_DETAIL });
  expect(h.simulator.dialer.callsTo('+15550500001')).toHaveLength(0);
});

test('cancelled in Temporal while its queued call rings: Cancelled, attempt closed, dial slot given back', async () => {
  const engagementId = await h.engagement({ routing: { queueId: 'q-cancel', skills: [], queueDisplayNumber: '+15550109999' } });
  h.simulator.dialer.setNumber('+15550500002', { state: 'No Answer', ringMs: 3000 });
  const deliveryId = await h.create({ engagementId, contacts: [single('outside-cancel-ringing', '+15550500002')] });
  await eventually(
    () => h.calls(deliveryId),
    (calls) => calls.length === 1,
  );
  expect(await h.db.selectFrom('dispatch_queue').select('state').where('delivery_id', '=', deliveryId).execute()).toHaveLength(1);
  await h.handle(deliveryId).cancel();
  expect(await closedAs(deliveryId)).toBe('CANCELLED');
  expect(await h.delivery(deliveryId)).toMatchObject({ status: 'Cancelled', result: 'Cancelled' });
  expect(await h.db.selectFrom('dispatch_queue').select('state').where('delivery_id', '=', deliveryId).execute()).toEqual([]);
  const [attempt] = await h.attempts(deliveryId);
  expect(attempt?.ended_at).not.toBeNull();
});

test('terminated in Temporal: the reconciler ends it Cancelled with the termination reason', async () => {
  const engagementId = await h.engagement();
  const deliveryId = await h.create({
    engagementId,
    contacts: [single('outside-terminate', '+15550500003')],
    windows: await h.window(DAY),
  });
  const { reconcileDeliveries } = createReconciliationActivities({ db: h.db, temporal: h.client });
  const pass = (): Promise<ReconcileResult> => new MockActivityEnvironment().run(reconcileDeliveries, { graceMs: 0, batchSize: 100 });
  // Running: nothing to reconcile.
  expect((await pass()).ended.filter((e) => e.deliveryId === deliveryId)).toEqual([]);
  await h.handle(deliveryId).terminate('operator cleanup');
  const { ended } = await pass();
  expect(ended).toContainEqual({
    deliveryId,
    status: 'Cancelled',
    detail: 'its workflow was terminated in Temporal: operator cleanup',
  });
  expect(await h.delivery(deliveryId)).toMatchObject({ status: 'Cancelled', result: 'Cancelled' });
  expect(await lastEvent(deliveryId)).toMatchObject({ status: 'Cancelled' });
  // A second pass changes nothing: the delivery is final.
  expect((await pass()).ended.filter((e) => e.deliveryId === deliveryId)).toEqual([]);
});
