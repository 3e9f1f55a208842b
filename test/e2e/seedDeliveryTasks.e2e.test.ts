/**
 * CCaaS_GetDeliveryTasks and CCaaS_CancelDeliveryTask over HTTP on the real stack: a chain of three
 * contacts (sent as a serialized string) dialled in order, its chaining status read as it moves.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { apiClient } from '../helpers/apiClient';
import { apiKeyWithRoles, engagementConfig, eventually, insertEngagement } from '../helpers/fixtures';
import { startEngineStack, type EngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';

let env: TestWorkflowEnvironment;
let stack: EngineStack;
let key: string;
const ROOT = '/api/data/v9.2';
const UNKNOWN = '3f1c8a52-7a5e-4d7e-9a39-0c6f1d2b9e11';

beforeAll(async () => {
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'e2e-seed-tasks');
  await insertEngagement(
    stack.database.db,
    'tasks-voice',
    engagementConfig({ reattempts: { maxAttempts: 2, waitSeconds: 600, reasons: ['NoAnswer', 'Busy'] } }),
  );
  key = await apiKeyWithRoles(stack.database.db, 'integration');
});
afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
});

const api = () => apiClient(stack.apiUrl, key);
const contact = (id: string, mobile: string) => ({
  uniqueIdentifier: id,
  firstName: 'Ada',
  lastName: 'Lovelace',
  mobilePhoneNumber: mobile,
});
type Task = {
  status: string;
  contactChainingStatus: { seqNo: number; currentContactIndexAttempted: number | null; [k: string]: unknown };
  deliveries: Array<{ id: string; status: string; result: string | null; seqNo: number }>;
  [k: string]: unknown;
};
const task = async (id: string) => {
  const res = await api().get(`${ROOT}/CCaaS_GetDeliveryTasks(DeliveryTaskId=${id})`);
  expect(res.status).toBe(200);
  return (res.body.value as Task[])[0]!;
};

test('three contacts as a serialized string are dialled in order; GetDeliveryTasks shows the chaining status move', async () => {
  // Rings long enough that each contact's call is seen in progress; the first two are not answered.
  stack.simulator.dialer.setNumber('+15550500001', { state: 'No Answer', ringMs: 2500 });
  stack.simulator.dialer.setNumber('+15550500002', { state: 'Busy', ringMs: 2500 });
  stack.simulator.dialer.setNumber('+15550500003', { state: 'Answered', ringMs: 2500 });
  const res = await api().post(`${ROOT}/CCaaS_CreateProactiveDelivery`, {
    ApiVersion: '1.0',
    ProactiveEngagementConfigId: 'tasks-voice',
    RequestId: 'task-req-1',
    Contacts: JSON.stringify([contact('acct-1', '+15550500001'), contact('acct-2', '+15550500002'), contact('acct-3', '+15550500003')]),
  });
  expect(res.status).toBe(200);
  const id = res.body.DeliveryTaskId as string;

  const seen: Array<{ seqNo: number; contact: number | null }> = [];
  const final = await eventually(
    async () => {
      const t = await task(id);
      const s = { seqNo: t.contactChainingStatus.seqNo, contact: t.contactChainingStatus.currentContactIndexAttempted };
      const last = seen.at(-1);
      if (!last || last.seqNo !== s.seqNo || last.contact !== s.contact) seen.push(s);
      return t;
    },
    (t) => t.status === 'Complete',
    60_000,
    100,
  );
  // Moved one contact at a time, in the chain's order, each call counted once: every state seen is the
  // k-th call at contact k-1, and the move was seen (a slow poll may miss a middle state, never reorder one).
  const moves = seen.filter((s) => s.contact !== null);
  expect(moves.length).toBeGreaterThanOrEqual(2);
  for (const [i, s] of moves.entries()) {
    expect(s).toEqual({ seqNo: s.seqNo, contact: s.seqNo - 1 });
    if (i > 0) expect(s.seqNo).toBeGreaterThan(moves[i - 1]!.seqNo);
  }
  expect(moves.at(-1)).toEqual({ seqNo: 3, contact: 2 });
  expect(final).toMatchObject({
    deliveryTaskId: id,
    status: 'Complete',
    retryCount: 0,
    maxRetryCount: 1,
    reattemptDelay: 10,
    reattemptSettings: [192360000, 192360001],
    channelType: 'Voice',
    proactiveEngagementConfigId: 'tasks-voice',
    contactIds: ['acct-1', 'acct-2', 'acct-3'],
    requestId: 'task-req-1',
    customerReached: true,
    nextScheduledTime: null,
    fallbackAttempted: false,
    contactChainingStatus: {
      currentLoopNumber: 1,
      currentContactIndexAttempted: 2,
      currentContactIdAttempted: 'acct-3',
      currentPhoneIndexAttempted: 0,
      currentPhoneNumberTypeIdAttempted: 'MobilePhoneNumber',
      totalContactsInChain: 3,
      totalPhonesInChain: 3,
      totalEligiblePhonesInChain: 3,
      isChainExhausted: true,
      areLoopsExhausted: false,
      seqNo: 3,
      lastDeliveryResult: 'LiveAnswer',
    },
  });
  expect(final.deliveries.map((d) => [d.seqNo, d.status, d.result])).toEqual([
    [1, 'Complete', 'NoAnswer'],
    [2, 'Complete', 'NoAnswer'],
    [3, 'Complete', 'LiveAnswer'],
  ]);
  expect(final.lastAttemptedTime).toEqual(expect.any(String));
  // The dialer saw the three numbers in the chain's order.
  const dialled = stack.simulator.dialer
    .listCalls()
    .filter((c) => c.destination.startsWith('+155505000'))
    .sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
  expect(dialled.map((c) => c.destination)).toEqual(['+15550500001', '+15550500002', '+15550500003']);

  // The same task through the other key forms: quoted, v9.0 as the product's doc writes it, the query, an alias.
  for (const path of [
    `${ROOT}/CCaaS_GetDeliveryTasks(DeliveryTaskId='${id}')`,
    `/api/data/v9.0/CCaaS_GetDeliveryTasks(DeliveryTaskId=${id})`,
    `${ROOT}/CCaaS_GetDeliveryTasks?DeliveryTaskId=${id}`,
    `${ROOT}/CCaaS_GetDeliveryTasks(DeliveryTaskId=@p1)?@p1=${id}`,
  ]) {
    const again = await api().get(path);
    expect(again.status).toBe(200);
    expect(again.body.value[0]).toEqual(final);
  }
});

test('CancelDeliveryTask cancels a waiting task: 202, then Cancelled; a second cancel is a 409', async () => {
  const start = new Date(Date.now() + 86_400_000).toISOString();
  const end = new Date(Date.now() + 2 * 86_400_000).toISOString();
  const res = await api().post(`${ROOT}/CCaaS_CreateProactiveDelivery`, {
    ProactiveEngagementConfigId: 'tasks-voice',
    Contacts: [contact('later-1', '+15550500010')],
    Windows: [{ Start: start, End: end }],
  });
  const id = res.body.DeliveryTaskId as string;
  const waiting = await eventually(
    () => task(id),
    (t) => t.nextScheduledTime !== null,
  );
  expect(waiting).toMatchObject({ status: 'Pending', contactChainingStatus: { seqNo: 0, currentContactIndexAttempted: null } });
  expect(new Date(waiting.nextScheduledTime as string).getTime()).toBeGreaterThanOrEqual(new Date(start).getTime());

  const cancelled = await api().post(`${ROOT}/CCaaS_CancelDeliveryTask`, { ApiVersion: '1.0', DeliveryTaskId: id });
  expect(cancelled.status).toBe(202);
  expect(cancelled.body).toMatchObject({ DeliveryTaskId: id, Cancellation: 'requested' });
  expect(
    await eventually(
      () => task(id),
      (t) => t.status === 'Cancelled',
    ),
  ).toMatchObject({ status: 'Cancelled', nextScheduledTime: null });
  expect((await api().post(`${ROOT}/CCaaS_CancelDeliveryTask`, { DeliveryTaskId: id })).status).toBe(409);
});

describe('refusals in the product’s error shape', () => {
  test.each([
    ['GET', `${ROOT}/CCaaS_GetDeliveryTasks(DeliveryTaskId=${UNKNOWN})`, 404, undefined],
    ['GET', `${ROOT}/CCaaS_GetDeliveryTasks(DeliveryTaskId=not-a-guid)`, 400, undefined],
    ['GET', `${ROOT}/CCaaS_GetDeliveryTasks(TaskId=${UNKNOWN})`, 400, undefined],
    ['GET', `${ROOT}/CCaaS_GetDeliveryTasks`, 400, undefined],
    ['POST', `${ROOT}/CCaaS_CancelDeliveryTask`, 404, { DeliveryTaskId: UNKNOWN }],
    ['POST', `${ROOT}/CCaaS_CancelDeliveryTask`, 400, { DeliveryTaskId: 'x' }],
    ['POST', `${ROOT}/CCaaS_CancelDeliveryTask`, 400, {}],
  ] as const)('%s %s → %i naming DeliveryTaskId', async (method, path, code, body) => {
    const res = method === 'GET' ? await api().get(path) : await api().post(path, body);
    expect(res.status).toBe(code);
    expect(res.body.error).toMatchObject({ code: code === 404 ? 'not_found' : 'validation_failed', fields: [{ path: 'DeliveryTaskId' }] });
  });
});
