/**
 * Temporal and Postgres agree again after something outside the engine acted, on the real dev server
 * (its visibility store answers the reconciler's query for workflows without a delivery row).
 */
import { MockActivityEnvironment, type TestWorkflowEnvironment } from '@temporalio/testing';
import { createReconciliationActivities, type ReconcileResult } from '../../activities/reconciliation';
import { deliveryWorkflowId } from '../../temporal/workflowIds';
import { apiClient } from '../helpers/apiClient';
import { apiKeyWithRoles, insertEngagement } from '../helpers/fixtures';
import { startEngineStack, type EngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';
import { eventually } from '../helpers/waiting';

let env: TestWorkflowEnvironment;
let stack: EngineStack;
let integration: string;
let supervisor: string;

beforeAll(async () => {
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'e2e-reconciler');
  await insertEngagement(stack.database.db, 'rec-1');
  integration = await apiKeyWithRoles(stack.database.db, 'integration');
  supervisor = await apiKeyWithRoles(stack.database.db, 'supervisor');
});

afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
});

const later = () => [{ start: new Date(Date.now() + 3600_000).toISOString(), end: new Date(Date.now() + 7200_000).toISOString() }];

async function createWaiting(contactId: string, number: string): Promise<string> {
  const res = await apiClient(stack.apiUrl, integration).post('/v1/deliveries', {
    engagementId: 'rec-1',
    contacts: [{ contactId, phones: [{ type: 'mobile', number }] }],
    windows: later(),
  });
  expect(res.status).toBe(201);
  const id = res.body.deliveryId as string;
  // Waiting for its window: the workflow has recorded its first wait.
  await eventually(
    async () => (await apiClient(stack.apiUrl, integration).get(`/v1/deliveries/${id}`)).body,
    (d) => d.waitingFor?.reason === 'window',
  );
  return id;
}

test('cancelled from the Temporal UI: Cancelled in Postgres, the API cancel answers 409 already_final, the report counts it', async () => {
  const id = await createWaiting('ui-cancel', '+15550900001');
  await stack.temporal.workflow.getHandle(deliveryWorkflowId(id)).cancel();
  const d = await eventually(
    async () => (await apiClient(stack.apiUrl, integration).get(`/v1/deliveries/${id}`)).body,
    (x) => x.status !== 'Pending',
  );
  expect(d).toMatchObject({ status: 'Cancelled', result: 'Cancelled' });
  const again = await apiClient(stack.apiUrl, supervisor).post(`/v1/deliveries/${id}/cancel`, { reason: 'too late' });
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('already_final');
  const report = (await apiClient(stack.apiUrl, supervisor).get('/v1/engagements/rec-1/report')).body;
  expect(report.deliveries.byStatus).toMatchObject({ Cancelled: 1 });
  expect(report.deliveries.byStatus.Pending ?? 0).toBe(0);
});

test('a workflow whose intake never committed (no delivery row) is terminated by the reconciler; deliveries with rows are left alone', async () => {
  const kept = await createWaiting('kept', '+15550900002');
  const orphan = await createWaiting('orphan', '+15550900003');
  // The API "crashed" after starting the workflow and before its rows committed: no row for it.
  await stack.database.db.deleteFrom('deliveries').where('delivery_id', '=', orphan).execute();

  const { reconcileDeliveries } = createReconciliationActivities({ db: stack.database.db, temporal: stack.temporal });
  const pass = (): Promise<ReconcileResult> => new MockActivityEnvironment().run(reconcileDeliveries, { graceMs: 0, batchSize: 100 });
  // Visibility is eventually consistent: pass until the orphan is seen.
  const result = await eventually(pass, (r) => r.orphansTerminated.includes(orphan));
  expect(result.orphansTerminated).not.toContain(kept);
  const closed = await stack.temporal.workflow.getHandle(deliveryWorkflowId(orphan)).describe();
  expect(closed.status.name).toBe('TERMINATED');
  expect((await stack.temporal.workflow.getHandle(deliveryWorkflowId(kept)).describe()).status.name).toBe('RUNNING');
  expect((await apiClient(stack.apiUrl, integration).get(`/v1/deliveries/${kept}`)).body.status).toBe('Pending');
});
