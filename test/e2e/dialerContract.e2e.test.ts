/**
 * The dialer contract over HTTP on the real stack (dev server, Postgres, worker, API, simulator):
 * results pushed to ResultDestination complete calls without polling; a dialer that speaks seed 004
 * only completes deliveries with correct results; the product's result words and SIP diagnostics are
 * stored and reported; NonRetriableError and InvalidAddress are never reattempted; the AccessToken
 * reaches the dialer and nothing else.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from 'kysely';
import { apiClient } from '../helpers/apiClient';
import { apiKeyWithRoles, engagementConfig, eventually, insertEngagement } from '../helpers/fixtures';
import { startEngineStack, type EngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';

const TOKENS: Record<string, string> = { 'dc-push': 'token-of-dc-push-7f3a' };
const DEFAULT_TOKEN = 'default-dialer-token-19c2';

let env: TestWorkflowEnvironment;
let stack: EngineStack;
let integration: ReturnType<typeof apiClient>;
let supervisor: ReturnType<typeof apiClient>;

beforeAll(async () => {
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'e2e-dialer-contract', {
    resultDestinationSecret: 'result-destination-secret',
    accessTokenFor: (engagementId) => (engagementId && TOKENS[engagementId]) ?? DEFAULT_TOKEN,
    // Far beyond any test: a call completed here was completed by its push, never by polling.
    pushFallbackPollMs: 10 * 60_000,
  });
  const db = stack.database.db;
  integration = apiClient(stack.apiUrl, await apiKeyWithRoles(db, 'integration'));
  supervisor = apiClient(stack.apiUrl, await apiKeyWithRoles(db, 'supervisor'));
  await insertEngagement(db, 'dc-push');
  await insertEngagement(db, 'dc-seed');
  await insertEngagement(
    db,
    'dc-retry',
    engagementConfig({ reattempts: { maxAttempts: 3, waitSeconds: 0, reasons: ['NoAnswer', 'Busy', 'Failed', 'AnsweringMachine'] } }),
  );
});
afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
});

async function deliver(engagementId: string, number: string): Promise<string> {
  const res = await integration.post('/v1/deliveries', {
    engagementId,
    contacts: [{ contactId: `c-${number}`, phones: [{ type: 'mobile', number }] }],
  });
  expect(res.status).toBe(201);
  return res.body.deliveryId;
}

async function finished(deliveryId: string) {
  return eventually(
    async () => (await supervisor.get(`/v1/deliveries/${deliveryId}`)).body,
    (d) => ['Complete', 'Expired', 'Cancelled', 'Error'].includes(d.status),
    60_000,
  );
}

const callRows = (deliveryId: string) =>
  stack.database.db.selectFrom('calls').selectAll().where('delivery_id', '=', deliveryId).orderBy('requested_at').execute();

describe('results pushed to ResultDestination', () => {
  test('a pushed result completes the call without the dialer being polled; AI-agent values are stored as result attributes', async () => {
    stack.simulator.dialer.setNumber('+15550810001', {
      state: 'Answered',
      ringMs: 200,
      answeringMachine: false,
      resultAttributes: { intent: 'promise-to-pay' },
    });
    const id = await deliver('dc-push', '+15550810001');
    expect(await finished(id)).toMatchObject({ status: 'Complete', result: 'CallEnded' });

    const [call] = stack.simulator.dialer.callsTo('+15550810001');
    expect(call!.resultDestination).toContain(`/v1/dialer/results/${encodeURIComponent(call!.conversationId)}?token=`);
    expect(call!.push).toMatchObject({ status: 200, attempts: 1 });
    expect(call!.resultRequests).toBe(0);
    const [row] = await callRows(id);
    expect(row).toMatchObject({ call_id: call!.conversationId, result: 'LiveAnswer', result_source: 'push', call_state: 'Answered' });

    const attributes = await supervisor.get('/v1/engagements/dc-push/export?format=json&table=attributes');
    expect(attributes.body.rows).toContainEqual({
      msdyn_proactive_delivery: id,
      msdyn_keyword: 'intent',
      msdyn_value: 'promise-to-pay',
      msdyn_type: 'result',
    });
  });

  test('the AccessToken of the engagement reaches the dialer and is never returned by the API', async () => {
    const id = await deliver('dc-push', '+15550810002');
    await finished(id);
    const [call] = stack.simulator.dialer.callsTo('+15550810002');
    expect(call!.accessToken).toBe(TOKENS['dc-push']);
    const seen = JSON.stringify([
      (await supervisor.get(`/v1/deliveries/${id}`)).body,
      (await supervisor.get('/v1/engagements/dc-push')).body,
      (await supervisor.get('/v1/engagements/dc-push/export?format=json')).body,
    ]);
    expect(seen).not.toContain(TOKENS['dc-push']);
    const other = await deliver('dc-seed', '+15550810003');
    await finished(other);
    expect(stack.simulator.dialer.callsTo('+15550810003')[0]!.accessToken).toBe(DEFAULT_TOKEN);
  });

  test('the endpoint is authenticated per call, idempotent, and names what is wrong', async () => {
    const id = await deliver('dc-push', '+15550810004');
    await finished(id);
    const [call] = stack.simulator.dialer.callsTo('+15550810004');
    const url = call!.resultDestination!;
    const post = (to: string, body: unknown) =>
      fetch(to, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const same = { UniqueId: call!.uniqueId, CallRequestId: '', CallState: 'Answered' };

    // A repeat, even one that says something else, changes nothing: the first stored result stays.
    const repeat = await post(url, { ...same, CallState: 'Busy' });
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ conversationId: call!.conversationId, stored: false, result: 'LiveAnswer' });
    expect((await callRows(id))[0]).toMatchObject({ call_state: 'Answered', result: 'LiveAnswer' });

    const withoutToken = url.replace(/\?token=.*/, '');
    expect((await post(withoutToken, same)).status).toBe(401);
    expect((await post(`${withoutToken}?token=forged`, same)).status).toBe(401);
    // A token opens its own call only.
    const otherCall = url.replace(encodeURIComponent(call!.conversationId), 'someone-else');
    expect((await post(otherCall, same)).status).toBe(401);

    const wrongUniqueId = await post(url, { ...same, UniqueId: 'not-this-call' });
    expect(wrongUniqueId.status).toBe(409);
    const notFinal = await post(url, { ...same, CallState: 'Dialing' });
    expect(notFinal.status).toBe(400);
    expect(
      ((await notFinal.json()) as { error: { fields: Array<{ path: string }> } }).error.fields.map((f: { path: string }) => f.path),
    ).toContain('CallState');
    const badSip = await post(url, { ...same, SipCode: 99 });
    expect(badSip.status).toBe(400);
    const wrongConversation = await post(url, { ...same, ConversationId: 'another' });
    expect(wrongConversation.status).toBe(400);
  });
});

describe('a dialer that speaks seed 004 only', () => {
  afterAll(() => {
    stack.simulator.dialer.seed004Only = false;
  });

  test('completes deliveries; an answered call is CallEnded (nothing claimed about machines), busy is NoAnswer with the Busy reason', async () => {
    const contract = await fetch(`${stack.simulator.url}/sim/contract`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ seed004Only: true }),
    });
    expect(await contract.json()).toEqual({ seed004Only: true });
    stack.simulator.dialer.setNumber('+15550820001', { state: 'Answered', ringMs: 100, answeringMachine: false });
    stack.simulator.dialer.setNumber('+15550820002', { state: 'Answered', ringMs: 100, answeringMachine: true });
    stack.simulator.dialer.setNumber('+15550820003', { state: 'Busy', ringMs: 100 });
    const ids = await Promise.all(['+15550820001', '+15550820002', '+15550820003'].map((n) => deliver('dc-seed', n)));
    const outcomes = await Promise.all(ids.map(finished));
    expect(outcomes.map((o) => [o.status, o.result])).toEqual([
      ['Complete', 'CallEnded'],
      ['Complete', 'CallEnded'],
      ['Complete', 'CallFailed'],
    ]);
    const rows = (await Promise.all(ids.map(callRows))).map((r) => r[0]!);
    expect(rows.map((r) => [r.result, r.answering_machine, r.abandoned, r.reattempt_reason])).toEqual([
      ['CallEnded', null, null, null],
      ['CallEnded', null, null, null],
      ['NoAnswer', null, null, 'Busy'],
    ]);
    // What the dialer sent: the seed's fields and nothing else.
    const [busy] = stack.simulator.dialer.callsTo('+15550820003');
    expect(busy!.push).toMatchObject({ status: 200 });
    const export_ = await supervisor.get('/v1/engagements/dc-seed/export?format=json');
    const byId = new Map(export_.body.rows.map((r: { msdyn_delivery_id: string }) => [r.msdyn_delivery_id, r]));
    expect(ids.map((id) => (byId.get(id) as { msdyn_result: string }).msdyn_result)).toEqual(['CallEnded', 'CallEnded', 'NoAnswer']);
  });
});

describe('SIP codes and never-retried results', () => {
  test('NonRetriableError (SIP 488) and InvalidAddress are tried once though the engagement reattempts every reason; a 503 is reattempted', async () => {
    const dialer = stack.simulator.dialer;
    dialer.setNumber('+15550830001', { state: 'Error', ringMs: 50, sipCode: 488, sipDiagnostics: '{"sipCode":488,"q850":79}' });
    dialer.setNumber('+15550830002', { state: 'Invalid Number', ringMs: 50 });
    dialer.setNumber('+15550830003', { state: 'Error', ringMs: 50, sipCode: 404 });
    dialer.setNumber('+15550830004', { state: 'Error', ringMs: 50, sipCode: 503 });
    const numbers = ['+15550830001', '+15550830002', '+15550830003', '+15550830004'];
    const ids = await Promise.all(numbers.map((n) => deliver('dc-retry', n)));
    const outcomes = await Promise.all(ids.map(finished));
    expect(outcomes.map((o) => [o.status, o.result])).toEqual(numbers.map(() => ['Complete', 'CallFailed']));
    expect(numbers.map((n) => dialer.callsTo(n).length)).toEqual([1, 1, 1, 3]);

    const rows = await Promise.all(ids.map(callRows));
    expect(rows.map((r) => r.map((c) => c.result))).toEqual([
      ['NonRetriableError'],
      ['InvalidAddress'],
      ['InvalidAddress'],
      ['CallFailed', 'CallFailed', 'CallFailed'],
    ]);
    expect(rows[0]![0]).toMatchObject({ sip_code: 488, sip_diagnostics: '{"sipCode":488,"q850":79}', reattempt_reason: null });
    const exported = await supervisor.get('/v1/engagements/dc-retry/export?format=json');
    const first = exported.body.rows.find((r: { msdyn_delivery_id: string }) => r.msdyn_delivery_id === ids[0]);
    expect(first).toMatchObject({ msdyn_result: 'NonRetriableError', msdyn_sip_diagnostics: '{"sipCode":488,"q850":79}' });
    const report = await supervisor.get('/v1/engagements/dc-retry/report');
    expect(report.body.calls.byResult).toEqual({ NonRetriableError: 1, InvalidAddress: 2, CallFailed: 3 });
    const counted = await sql<{ n: string }>`select count(*) as n from calls where result_source = 'poll'`.execute(stack.database.db);
    expect(Number(counted.rows[0]!.n)).toBe(0);
  });
});
