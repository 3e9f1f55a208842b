/**
 * The history dashboard and the cancellation policies in a real browser against the real stack
 * (test/helpers/consoleBrowser.ts); GET /v1/reports/history and the policies' dry run over HTTP.
 */
import { readFileSync } from 'node:fs';
import { engagementConfig, eventually, insertEngagement } from '../helpers/fixtures';
import { startConsoleBrowser, type ConsoleBrowser } from '../helpers/consoleBrowser';
import { DELIVERY_STATUSES } from '../../domain/delivery/deliveryStatus';

let c: ConsoleBrowser;
const today = new Date().toISOString().slice(0, 10);

async function deliver(engagementId: string, number: string, contact: Record<string, string> = {}, windows?: unknown) {
  const res = await c.as('integration').post('/v1/deliveries', {
    engagementId,
    contacts: [{ contactId: `${engagementId}-${number.slice(-4)}`, phones: [{ type: 'mobile', number }], ...contact }],
    ...(windows ? { windows } : {}),
  });
  expect(res.status).toBe(201);
  return res.body.deliveryId as string;
}

beforeAll(async () => {
  c = await startConsoleBrowser('e2e-console-history');
  const db = c.stack.database.db;
  const queue = (queueId: string) => ({ queueId, queueDisplayNumber: '+15550109999' });
  await insertEngagement(db, 'hist-a', engagementConfig({ routing: queue('q-a') }));
  await insertEngagement(db, 'hist-b', engagementConfig({ routing: queue('q-b'), dialMode: 'predictive' }));
  c.stack.simulator.dialer.setNumber('+15550700102', { state: 'Busy', ringMs: 50 });
  const ids = [];
  for (const n of ['+15550700101', '+15550700102', '+15550700103']) ids.push(await deliver('hist-a', n));
  for (const n of ['+15550700201', '+15550700202']) ids.push(await deliver('hist-b', n));
  await eventually(
    async () => (await c.as('supervisor').get('/v1/deliveries?status=Complete')).body.deliveries.length,
    (n) => n === ids.length,
    60_000,
  );
}, 240_000);

afterAll(async () => {
  await c?.stop();
});

afterEach(() => {
  expect(c.takeProblems()).toEqual([]);
});

test('GET /v1/reports/history: groups by status, result, dial mode, engagement, queue and day; refuses a bad filter by name', async () => {
  const res = await c.as('supervisor').get('/v1/reports/history?timeZone=UTC');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    total: 5,
    byStatus: { Complete: 5, Pending: 0 },
    byResult: { CallEnded: 4, CallFailed: 1 },
    byDialMode: { progressive: 3, predictive: 2 },
    byEngagement: [
      { key: 'hist-a', total: 3 },
      { key: 'hist-b', total: 2 },
    ],
    byQueue: [
      { key: 'q-a', total: 3 },
      { key: 'q-b', total: 2 },
    ],
    byDate: [{ key: today, total: 5 }],
  });
  const filtered = await c.as('supervisor').get(`/v1/reports/history?queueId=q-b&channel=voice&from=${today}&to=${today}`);
  expect(filtered.body).toMatchObject({ total: 2, byEngagement: [{ key: 'hist-b', total: 2 }] });
  expect((await c.as('supervisor').get('/v1/reports/history?from=2000-01-01&to=2000-01-02')).body.total).toBe(0);
  const bad = await c.as('supervisor').get('/v1/reports/history?timeZone=Mars/Olympus&from=2026-02-30&channel=fax&extra=1');
  expect(bad.status).toBe(400);
  expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['timeZone', 'from', 'channel']));
  expect((await c.as('supervisor').get('/v1/reports/history?from=2026-02-02&to=2026-02-01')).body.error.fields[0].path).toBe('to');
  expect((await c.as('agent').get('/v1/reports/history')).status).toBe(403);
});

test("the history screen's counts equal the API's report, per engagement and in total; filters and export", async () => {
  const { page } = c;
  await c.signIn('supervisor');
  await page.getByRole('link', { name: 'History' }).click();
  await page.getByLabel('Time zone (days are counted in it)').fill('UTC');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.locator('#history-total [data-total]').filter({ hasText: '5' }).waitFor();

  const cell = (table: string, key: string, status: string) =>
    page.locator(`table[data-table="${table}"] tr[data-key="${key}"] td[data-status="${status}"]`).textContent();
  const totals: Record<string, number> = {};
  const results: Record<string, number> = {};
  for (const engagementId of ['hist-a', 'hist-b']) {
    const report = (await c.as('supervisor').get(`/v1/engagements/${engagementId}/report`)).body;
    expect(await cell('By engagement', engagementId, 'total')).toBe(String(report.deliveries.total));
    for (const s of DELIVERY_STATUSES) {
      expect(await cell('By engagement', engagementId, s)).toBe(String(report.deliveries.byStatus[s] ?? 0));
      totals[s] = (totals[s] ?? 0) + (report.deliveries.byStatus[s] ?? 0);
    }
    for (const [r, n] of Object.entries(report.deliveries.byResult as Record<string, number>)) results[r] = (results[r] ?? 0) + n;
  }
  const bar = (chart: string, key: string) => page.locator(`#${chart} [data-bar="${key}"] .bar-value`).textContent();
  for (const s of DELIVERY_STATUSES) expect(await bar('chart-status', s)).toBe(String(totals[s]));
  for (const [r, n] of Object.entries(results)) expect(await bar('chart-result', r)).toBe(String(n));
  expect(await bar('chart-dial-mode', 'progressive')).toBe('3');
  expect(await bar('chart-dial-mode', 'predictive')).toBe('2');
  expect(await cell('By queue', 'q-a', 'total')).toBe('3');
  expect(await cell('By date', today, 'Complete')).toBe('5');
  await c.screenshot('30-history');

  // A zone the API's schema refuses is named in place, and nothing is asked.
  await page.getByLabel('Time zone (days are counted in it)').fill('Mars/Olympus');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.locator('#history-timeZone-error').waitFor();
  await page.getByLabel('Time zone (days are counted in it)').fill('UTC');

  await page.getByLabel('Engagement', { exact: true }).selectOption('hist-b');
  await page.getByLabel('From (first day)').fill(today);
  await page.getByLabel('To (last day)').fill(today);
  const filtered = page.waitForResponse((r) => r.url().includes('/v1/reports/history') && r.url().includes('engagementId=hist-b'));
  await page.getByRole('button', { name: 'Apply' }).click();
  expect((await (await filtered).json()).total).toBe(2);
  await page.locator('#history-total [data-total]').filter({ hasText: /^2$/ }).waitFor();
  expect(await page.locator('table[data-table="By engagement"] tbody tr').count()).toBe(1);
  await c.screenshot('31-history-filtered');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'hist-b deliveries CSV' }).click();
  const file = readFileSync((await (await download).path())!, 'utf8')
    .trim()
    .split('\n');
  expect(file[0]).toMatch(/^msdyn_delivery_id,/);
  expect(file).toHaveLength(1 + 2);
});

test('an admin creates a policy after seeing how many queued deliveries it would cancel, then ends it', async () => {
  const { page } = c;
  const db = c.stack.database.db;
  await insertEngagement(db, 'pol', engagementConfig({ routing: { queueId: 'q-pol', queueDisplayNumber: '+15550109999' } }));
  const later = [{ start: new Date(Date.now() + 3600_000).toISOString(), end: new Date(Date.now() + 7200_000).toISOString() }];
  const ny = [
    await deliver('pol', '+15550700301', { country: 'US', state: 'NY' }, later),
    await deliver('pol', '+15550700302', { country: 'US', state: 'NY' }, later),
  ];
  const ca = await deliver('pol', '+15550700303', { country: 'US', state: 'CA' }, later);

  // The dry run over HTTP: the same body and query as the create, nothing written; admin only; bad bodies named.
  const body = { engagementId: 'pol', state: 'ny', comment: 'storm in New York' };
  expect((await c.as('admin').post('/v1/cancellation-policies/dry-run', body)).body).toEqual({ wouldCancel: 2 });
  expect((await c.as('supervisor').post('/v1/cancellation-policies/dry-run', body)).status).toBe(403);
  const empty = await c.as('admin').post('/v1/cancellation-policies/dry-run', { comment: 'no filter' });
  expect(empty.status).toBe(400);
  expect(empty.body.error.fields[0].path).toBe('engagementId');
  expect((await c.as('admin').get('/v1/cancellation-policies')).body.policies).toEqual([]);

  await c.signIn('admin');
  await page.getByRole('link', { name: 'Policies' }).click();
  // The API's schema, in the browser: a policy without a filter is named before the dry run.
  await page.getByLabel('Comment (why)').fill('no filter');
  await page.getByRole('button', { name: 'Check and create…' }).click();
  await page.locator('#policy-engagementId-error').filter({ hasText: 'set at least one of' }).waitFor();

  await page.getByLabel('Engagement', { exact: true }).selectOption('pol');
  await page.getByLabel('State or region').fill('ny');
  await page.getByLabel('Comment (why)').fill('storm in New York');
  await page.getByRole('button', { name: 'Check and create…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create this policy?' });
  await dialog.waitFor();
  expect(await dialog.locator('[data-would-cancel]').textContent()).toBe('2');
  await c.screenshot('32-policy-would-cancel');
  await dialog.getByRole('button', { name: 'Create policy' }).click();
  await page.locator('#policy-outcome').filter({ hasText: 'Policy created: 2 queued deliveries cancelled.' }).waitFor();
  for (const id of ny) {
    await eventually(
      async () => (await c.as('supervisor').get(`/v1/deliveries/${id}`)).body.status,
      (s) => s === 'Cancelled',
    );
  }
  expect((await c.as('supervisor').get(`/v1/deliveries/${ca}`)).body.status).toBe('Pending');
  const [policy] = (await c.as('admin').get('/v1/cancellation-policies')).body.policies;
  const row = page.locator(`tr[data-policy="${policy.policyId}"]`);
  await row.locator('[data-cell="cancelled"]').filter({ hasText: '2' }).waitFor();
  expect(await row.locator('[data-cell="state"]').textContent()).toBe('active');
  expect(await row.locator('td').first().textContent()).toBe('engagement pol AND state ny');
  await c.screenshot('33-policy-active');

  await row.getByRole('button', { name: 'End the policy "storm in New York"' }).click();
  await page.getByRole('dialog', { name: 'End this policy?' }).getByRole('button', { name: 'End policy' }).click();
  await page.locator('#policy-outcome').filter({ hasText: 'Policy ended: storm in New York' }).waitFor();
  await row
    .locator('[data-cell="state"]')
    .filter({ hasText: /^ended / })
    .waitFor();
  expect((await c.as('admin').get('/v1/cancellation-policies')).body.policies[0]).toMatchObject({ active: false, cancelledCount: 2 });
  await c.screenshot('34-policy-ended');
});
