/**
 * The preview routes over HTTP against the real stack: an agent key acts as the representative it is
 * bound to (GET /v1/me says which), sees open offers and its own, and gets 403 for another's; a
 * supervisor acts for any representative it names. Decline: 200 while offered or accepted, 409 naming
 * the state once there is nothing to decline or the delivery has finished, 404 for no such delivery.
 */
import { randomUUID } from 'node:crypto';
import { apiClient } from '../helpers/apiClient';
import { engineApi } from '../helpers/engineApi';
import { agentKey, apiKeyWithRoles } from '../helpers/fixtures';
import { deliveriesFinal, deliveryReached, eventually } from '../helpers/waiting';
import { useEngineStack } from '../helpers/useEngineStack';

const e2e = useEngineStack('e2e-previews', { dispatcherOptions: { tickMs: 250 } });
afterEach(() => e2e.stack.simulator.reset());
const { as, engagement, deliver, nextNumber } = engineApi(e2e, '061');
const client = (key: string) => apiClient(e2e.stack.apiUrl, key);

test('GET /v1/me returns the roles and the representative the key is bound to (null when none)', async () => {
  expect((await as('agent').get('/v1/me')).body).toEqual({ roles: ['agent'], representativeId: 'rep-7' });
  expect((await as('supervisor').get('/v1/me')).body).toEqual({ roles: ['supervisor'], representativeId: null });
  expect((await client('pe_not-a-key').get('/v1/me')).status).toBe(401);
});

test('an agent acts only as its own representative; decline is answered 200, then 409 naming the state, 404, 400', async () => {
  await engagement('pv', 'q-pv', { dialMode: 'preview' });
  e2e.stack.simulator.dialer.setRepresentatives({ count: 1, handleMs: 200 });
  const d = await deliver('pv');
  await deliveryReached(e2e.stack.temporal, d.deliveryId, (s) => s.dispatch === 'offered');
  const db = e2e.stack.database.db;
  const rep8 = client(await agentKey(db, 'rep-8'));
  const unbound = client(await apiKeyWithRoles(db, 'agent'));
  const path = (action: string) => `/v1/deliveries/${d.deliveryId}/preview/${action}`;

  // A key bound to no representative cannot work the desk; a key cannot act as another representative.
  const noRep = await unbound.get('/v1/previews');
  expect([noRep.status, noRep.body.error.message]).toEqual([403, expect.stringMatching(/bound to no representative/)]);
  expect((await unbound.post(path('accept'), {})).status).toBe(403);
  const other = await as('agent').post(path('accept'), { representativeId: 'rep-8' });
  expect([other.status, other.body.error.message]).toEqual([403, 'this key acts as representative rep-7 only, not rep-8']);

  // rep-8 accepts with its own key (no id typed); rep-7 no longer sees the offer, nor may it act on it.
  const accepted = await rep8.post(path('accept'), {});
  expect([accepted.status, accepted.body.representativeId]).toEqual([200, 'rep-8']);
  const seen = async (c: ReturnType<typeof client>) =>
    ((await c.get('/v1/previews?engagementId=pv')).body.previews as Array<{ deliveryId: string }>).map((p) => p.deliveryId);
  expect(await seen(rep8)).toEqual([d.deliveryId]);
  expect(await seen(as('agent'))).toEqual([]);
  expect(await seen(as('supervisor'))).toEqual([d.deliveryId]);
  for (const action of ['decline', 'start']) {
    const res = await as('agent').post(path(action), {});
    expect([action, res.status, res.body.error.message]).toEqual([
      action,
      403,
      'the offer was accepted by representative rep-8, not rep-7',
    ]);
  }
  // A supervisor names whom it acts for: the workflow itself refuses another representative (409).
  const asRep7 = await as('supervisor').post(path('decline'), { representativeId: 'rep-7' });
  expect([asRep7.status, asRep7.body.error.message]).toEqual([409, 'the preview was accepted by rep-8']);
  const unnamed = await as('supervisor').post(path('decline'), {});
  expect([unnamed.status, unnamed.body.error.fields]).toEqual([400, [expect.objectContaining({ path: 'representativeId' })]]);
  expect((await rep8.post(path('decline'), { reason: '' })).status).toBe(400);
  expect((await rep8.post(path('decline'), { reason: 'x'.repeat(501) })).status).toBe(400);

  const declined = await rep8.post(path('decline'), { reason: 'customer asked for email only' });
  expect([declined.status, declined.body]).toEqual([
    200,
    { deliveryId: d.deliveryId, representativeId: 'rep-8', declined: true, afterAccept: true },
  ]);
  // Nothing left to decline: the delivery waits to be offered again (the state is named).
  const again = await rep8.post(path('decline'), {});
  expect([again.status, again.body.error.message]).toEqual([
    409,
    expect.stringMatching(/^this delivery has no preview offer to decline now \(dispatch state (none|waiting), status Pending\)$/),
  ]);
  const view = await eventually(
    async () => (await as('supervisor').get(`/v1/deliveries/${d.deliveryId}`)).body,
    (v) => v.waitingFor?.reason === 'reattempt-wait',
  );
  expect(view.waitingFor.detail.text).toMatch(
    /^CSRCancelled: accepted preview cancelled before dialling by rep-8 \(customer asked for email only\); offered again not before /,
  );
  expect(e2e.stack.simulator.dialer.listCalls().filter((c) => c.destination === d.number)).toHaveLength(0);

  expect((await rep8.post(`/v1/deliveries/${randomUUID()}/preview/decline`, {})).status).toBe(404);
  expect((await as('supervisor').post(`/v1/deliveries/${d.deliveryId}/cancel`, {})).status).toBe(202);
  await deliveriesFinal(db, [d.deliveryId]);
});

test('declining a finished delivery is a 409 that says it has finished', async () => {
  await engagement('pv-done', 'q-pv-done');
  e2e.stack.simulator.dialer.setRepresentatives({ count: 1, handleMs: 100 });
  const number = nextNumber();
  e2e.stack.simulator.dialer.setNumber(number, { state: 'Answered', ringMs: 100 });
  const d = await deliver('pv-done', number);
  await deliveriesFinal(e2e.stack.database.db, [d.deliveryId]);
  const res = await as('agent').post(`/v1/deliveries/${d.deliveryId}/preview/decline`, {});
  expect([res.status, res.body.error.message]).toEqual([409, expect.stringMatching(/finished|no preview offer/)]);
});

test("a preview call's disposition codes are its representative's: another agent's key gets 403, an admin may", async () => {
  await engagement('pv-codes', 'q-pv-codes', { dialMode: 'preview' });
  e2e.stack.simulator.dialer.setRepresentatives({ count: 1, handleMs: 100 });
  const number = nextNumber();
  e2e.stack.simulator.dialer.setNumber(number, { state: 'Answered', ringMs: 100, answeringMachine: false });
  const d = await deliver('pv-codes', number);
  await deliveryReached(e2e.stack.temporal, d.deliveryId, (s) => s.dispatch === 'offered');
  const db = e2e.stack.database.db;
  const rep8 = client(await agentKey(db, 'rep-8'));
  expect((await rep8.post(`/v1/deliveries/${d.deliveryId}/preview/accept`, {})).status).toBe(200);
  expect((await rep8.post(`/v1/deliveries/${d.deliveryId}/preview/start`, {})).status).toBe(200);
  const call = await eventually(
    () =>
      db
        .selectFrom('calls')
        .select(['call_id', 'representative_id', 'unique_id'])
        .where('delivery_id', '=', d.deliveryId)
        .executeTakeFirst(),
    (c) => c?.unique_id !== null && c?.unique_id !== undefined,
  );
  expect(call!.representative_id).toBe('rep-8');

  const codes = { codes: ['PromiseToPay'] };
  const byRep7 = await as('agent').post(`/v1/deliveries/${d.deliveryId}/dispositions`, codes);
  expect([byRep7.status, byRep7.body.error.message]).toEqual([
    403,
    "this call was taken by representative rep-8; only that representative's key may code it",
  ]);
  expect(
    (await db.selectFrom('calls').select('disposition_codes').where('call_id', '=', call!.call_id).executeTakeFirstOrThrow())
      .disposition_codes,
  ).toBeNull();
  const byRep8 = await rep8.post(`/v1/deliveries/${d.deliveryId}/dispositions`, codes);
  expect([byRep8.status, byRep8.body.dispositionCodes]).toEqual([200, '"PromiseToPay"']);
  expect((await as('admin').post(`/v1/deliveries/${d.deliveryId}/dispositions`, { codes: ['SpokeToAgent'] })).status).toBe(200);
  await deliveriesFinal(db, [d.deliveryId]);
});
