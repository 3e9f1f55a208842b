/**
 * The deliveries screen, the delivery page and the agent's preview desk in a real browser against the
 * real stack (test/helpers/consoleBrowser.ts); and the list's tracking and contact id filters over HTTP.
 */
import { engagementConfig, eventually, insertEngagement } from '../helpers/fixtures';
import { startConsoleBrowser, type ConsoleBrowser } from '../helpers/consoleBrowser';

let c: ConsoleBrowser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  c = await startConsoleBrowser('e2e-console-deliveries');
  const db = c.stack.database.db;
  await insertEngagement(db, 'list', engagementConfig({ routing: { queueId: 'q-list', queueDisplayNumber: '+15550109999' } }));
  await insertEngagement(
    db,
    'desk',
    engagementConfig({
      dialMode: 'preview',
      // Long enough that the representative starts the call, not the countdown.
      dialModeSettings: { previewCountdownSeconds: 600 },
      routing: { queueId: 'q-desk', queueDisplayNumber: '+15550109998' },
    }),
  );
  c.stack.simulator.dialer.setRepresentatives({ count: 1, handleMs: 200 });
  for (const [key, trackingId, contactId] of [
    ['a', 'order-1001', 'cust-a'],
    ['b', 'order-1002', 'cust-b'],
    ['c', 'order-1003', 'cust-b'],
  ] as const) {
    const res = await c.as('integration').post('/v1/deliveries', {
      engagementId: 'list',
      trackingId,
      contacts: [{ contactId, phones: [{ type: 'mobile', number: `+1555060200${key.charCodeAt(0) - 96}` }] }],
      inputAttributes: { Balance: `${key}-120.50` },
    });
    expect(res.status).toBe(201);
    ids[key] = res.body.deliveryId;
  }
}, 240_000);

afterAll(async () => {
  await c?.stop();
});

afterEach(() => {
  expect(c.takeProblems()).toEqual([]);
});

const listed = async (query: string) =>
  ((await c.as('supervisor').get(`/v1/deliveries?${query}`)).body.deliveries as Array<{ deliveryId: string }>).map((d) => d.deliveryId);

test('GET /v1/deliveries filters by tracking id and contact id (exact), with the other filters, and names a bad value', async () => {
  expect(await listed('trackingId=order-1002')).toEqual([ids.b]);
  expect(await listed('contactId=cust-b')).toEqual([ids.c, ids.b]);
  expect(await listed('contactId=cust-b&trackingId=order-1003')).toEqual([ids.c]);
  expect(await listed('trackingId=order-10')).toEqual([]); // exact, not a prefix
  expect(await listed('contactId=cust-a&engagementId=desk')).toEqual([]);
  const bad = await c.as('supervisor').get(`/v1/deliveries?trackingId=${'x'.repeat(201)}&contactId=`);
  expect(bad.status).toBe(400);
  expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['contactId', 'trackingId']);
});

test('a supervisor filters deliveries by tracking id and opens one: attributes, chain and the Temporal UI link', async () => {
  const { page } = c;
  await c.signIn('supervisor');
  await page.getByRole('link', { name: 'Deliveries' }).click();
  await page.getByLabel('Tracking id').fill('order-1002');
  await page.getByLabel('Engagement', { exact: true }).selectOption('list');
  const search = page.waitForResponse((r) => r.url().includes('trackingId=order-1002'));
  await page.getByRole('button', { name: 'Search' }).click();
  expect((await search).url()).toMatch(/engagementId=list/);
  await page.waitForFunction((id) => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document;
    return doc.querySelectorAll('tbody tr').length === 1 && doc.querySelectorAll(`tr[data-delivery="${id}"]`).length === 1;
  }, ids.b!);
  await c.screenshot('20-deliveries-by-tracking-id');

  // A filter the API's schema refuses is named before anything is sent.
  await page.getByLabel('Tracking id').fill('x'.repeat(201));
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('#filter-error').filter({ hasText: 'trackingId' }).waitFor();
  await page.getByLabel('Tracking id').fill('order-1002');

  await page.locator(`tr[data-delivery="${ids.b}"]`).getByRole('link').click();
  await page.locator('#delivery-status').waitFor();
  const attribute = page.locator('#attributes tr[data-keyword="Balance"]');
  await attribute.waitFor();
  expect(await attribute.locator('td').allTextContents()).toEqual(['Balance', 'b-120.50', 'input']);
  expect(await page.getByRole('list', { name: 'Contacts in order' }).textContent()).toMatch(/cust-b .*mobile \+15550602002/);
  const view = (await c.as('supervisor').get(`/v1/deliveries/${ids.b}`)).body;
  expect(await page.getByRole('link', { name: 'Open in the Temporal UI' }).getAttribute('href')).toBe(
    `http://ui.test/namespaces/default/workflows/${encodeURIComponent(view.workflowId)}`,
  );
  await c.screenshot('21-delivery-attributes-chain');
});

test('an agent accepts a preview offer, sees the countdown, starts the call and posts a disposition code', async () => {
  const { page } = c;
  const number = '+15550603001';
  c.stack.simulator.dialer.setNumber(number, { state: 'Answered', ringMs: 200 });
  const res = await c.as('integration').post('/v1/deliveries', {
    engagementId: 'desk',
    contacts: [{ contactId: 'desk-contact', phones: [{ type: 'mobile', number }] }],
    inputAttributes: { AccountBalance: '99.95' },
  });
  const deliveryId = res.body.deliveryId as string;

  await c.signIn('agent');
  // An agent lands on the preview desk (the console routes there once it has read the key's roles).
  await page.waitForURL((u) => u.pathname === '/console/previews');
  // The representative comes from the agent's key (GET /v1/me), not from typing.
  await page.locator('#working-as').filter({ hasText: 'Working as representative rep-7.' }).waitFor();
  expect(await page.getByLabel('Act for representative').count()).toBe(0);
  const offer = page.locator(`tr[data-offer="${deliveryId}"]`);
  await offer.waitFor();
  expect(await offer.textContent()).toMatch(/AccountBalance: 99\.95/);
  await c.screenshot('22-preview-offers');
  await offer.getByRole('button', { name: 'Accept the offer for desk-contact' }).click();

  const countdown = page.locator('#countdown');
  await countdown.waitFor();
  expect(await countdown.textContent()).toMatch(/^The call starts in (\d+) s\.$/);
  const left = Number(/(\d+)/.exec((await countdown.textContent())!)![1]);
  expect(left).toBeGreaterThan(500);
  expect(left).toBeLessThanOrEqual(600);
  // Accepted by rep-7: another representative cannot take it.
  expect((await c.as('supervisor').post(`/v1/deliveries/${deliveryId}/preview/accept`, { representativeId: 'rep-8' })).status).toBe(409);
  expect((await c.as('supervisor').get(`/v1/previews`)).body.previews).toEqual([
    expect.objectContaining({ deliveryId, acceptedBy: 'rep-7' }),
  ]);
  await c.screenshot('23-preview-accepted-countdown');

  await page.getByRole('button', { name: 'Start the call now' }).click();
  await page.getByRole('status').filter({ hasText: 'Call started.' }).waitFor();
  const codes = page.getByLabel('Disposition codes (comma separated)');
  await codes.waitFor();
  // The API's schema, in the browser: a code with a comma inside quotes is refused before sending.
  await codes.fill('"Promise,ToPay"');
  await page.getByRole('button', { name: 'Post codes' }).click();
  await page.locator('#disposition-error').waitFor();
  await codes.fill('PromiseToPay, SpokeToAgent');
  await page.getByRole('button', { name: 'Post codes' }).click();
  await page.locator('#disposition-done').filter({ hasText: 'Recorded "PromiseToPay","SpokeToAgent".' }).waitFor();
  await c.screenshot('24-preview-disposition-posted');

  const delivery = await eventually(
    async () => (await c.as('supervisor').get(`/v1/deliveries/${deliveryId}`)).body,
    (d) => d.status === 'Complete',
  );
  expect(delivery.dispositionCodes).toBe('"PromiseToPay","SpokeToAgent"');
  expect(delivery.calls).toHaveLength(1);
  expect(delivery.attributes).toEqual(
    expect.arrayContaining([
      { keyword: 'DispositionCode', value: 'PromiseToPay', type: 'result' },
      { keyword: 'DispositionCode', value: 'SpokeToAgent', type: 'result' },
    ]),
  );
  // An agent has no board, history or policies.
  for (const name of ['Live board', 'History', 'Policies', 'Deliveries']) expect(await page.getByRole('link', { name }).count()).toBe(0);
});

test('an agent declines a preview offer from the keyboard, with a confirmation and a reason; it is offered again later', async () => {
  const { page } = c;
  const number = '+15550603002';
  const res = await c.as('integration').post('/v1/deliveries', {
    engagementId: 'desk',
    contacts: [{ contactId: 'desk-decline', phones: [{ type: 'mobile', number }] }],
  });
  const deliveryId = res.body.deliveryId as string;

  await c.signIn('agent');
  await page.locator('#working-as').filter({ hasText: 'Working as representative rep-7.' }).waitFor();
  const offer = page.locator(`tr[data-offer="${deliveryId}"]`);
  await offer.waitFor();
  const decline = offer.getByRole('button', { name: 'Decline the offer for desk-decline' });
  await decline.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Decline the offer for desk-decline?' });
  await dialog.waitFor();
  // Escape backs out: nothing is declined.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect((await c.as('supervisor').get(`/v1/deliveries/${deliveryId}`)).body.waitingFor?.reason).not.toBe('reattempt-wait');

  await decline.focus();
  await page.keyboard.press('Enter');
  await dialog.getByLabel('Reason (optional)').fill('wrong language skill');
  await c.screenshot('25-preview-decline-confirm');
  await dialog.getByRole('button', { name: 'Decline the offer' }).click();
  await page.locator('#desk-notice').filter({ hasText: 'Declined: the contact is not called now and is offered again later.' }).waitFor();
  await offer.waitFor({ state: 'detached' });
  await c.screenshot('26-preview-declined');

  const view = await eventually(
    async () => (await c.as('supervisor').get(`/v1/deliveries/${deliveryId}`)).body,
    (d) => d.waitingFor?.reason === 'reattempt-wait',
  );
  expect(view.status).toBe('Pending');
  expect(view.waitingFor.detail.text).toMatch(
    /^CSRCancelled: preview offer declined by rep-7 \(wrong language skill\); offered again not before /,
  );
  expect(c.stack.simulator.dialer.listCalls().filter((call) => call.destination === number)).toHaveLength(0);
  expect((await c.as('supervisor').post(`/v1/deliveries/${deliveryId}/cancel`, {})).status).toBe(202);

  // A supervisor's key is bound to no representative: the desk asks whom it acts for.
  await c.signIn('supervisor');
  await page.getByRole('link', { name: 'Preview desk' }).click();
  await page.getByLabel('Act for representative').waitFor();
  expect(await page.locator('#working-as').count()).toBe(0);
});
