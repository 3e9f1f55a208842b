/**
 * The operator console in a real browser (Debian's chromium driven by playwright-core, nothing
 * downloaded) against the real stack: Temporal dev server, Postgres, the simulator, a worker and the
 * API serving the console it has just built. Screenshots of each screen go outside the repo.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_ENGAGEMENT, DEMO_ENGAGEMENT_ID, ensureDemoEngagement } from '../../scripts/demoSetup';
import { apiClient } from '../helpers/apiClient';
import { buildConsole } from '../helpers/consoleBrowser';
import { apiKeyWithRoles, eventually } from '../helpers/fixtures';
import { startEngineStack, type EngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.join(os.tmpdir(), 'console-screenshots');
/** How long the browser waits for a screen to show what the API says (the board polls every 2 s). */
const UI_WAIT_MS = 30_000;

let env: TestWorkflowEnvironment;
let consoleDist: string | undefined;
let stack: EngineStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let keys: { admin: string; supervisor: string; integration: string; agent: string };
const offOrigin: string[] = [];
const pageErrors: string[] = [];
const screenshots: string[] = [];
/** The delivery the waiting test finds (cancelled by then); the agent reads it later. */
let waitingDeliveryId = '';

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no chromium at ${CHROMIUM}: install it (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH`);
  }
  // The console this run serves is built from the sources under test, into a folder of its own.
  consoleDist = await buildConsole();
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'e2e-console', { dispatcherOptions: { tickMs: 250 }, consoleDist });
  const db = stack.database.db;
  await ensureDemoEngagement(db);
  keys = {
    admin: await apiKeyWithRoles(db, 'admin'),
    supervisor: await apiKeyWithRoles(db, 'supervisor'),
    integration: await apiKeyWithRoles(db, 'integration'),
    agent: await apiKeyWithRoles(db, 'agent'),
  };
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(UI_WAIT_MS);
  // Offline by construction: every request the console makes stays on the API's origin.
  page.on('request', (r) => {
    if (!r.url().startsWith(stack.apiUrl)) offOrigin.push(r.url());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    // A refused request (401, 409) is logged by the browser itself; the screens show those.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) pageErrors.push(m.text());
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await env?.teardown();
  if (consoleDist) rmSync(consoleDist, { recursive: true, force: true });
  if (screenshots.length) console.log(`console screenshots:\n${screenshots.map((s) => `  ${s}`).join('\n')}`);
});

afterEach(() => {
  expect(offOrigin).toEqual([]);
  expect(pageErrors).toEqual([]);
});

async function screenshot(name: string) {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  screenshots.push(file);
}

const integration = () => apiClient(stack.apiUrl, keys.integration);
const supervisor = () => apiClient(stack.apiUrl, keys.supervisor);
let numberSeq = 0;
const nextNumber = () => `+1555040${String(++numberSeq).padStart(4, '0')}`;

async function deliver(extra: Record<string, unknown> = {}, contactId = `console-${numberSeq + 1}`) {
  const res = await integration().post('/v1/deliveries', {
    engagementId: DEMO_ENGAGEMENT_ID,
    contacts: [{ contactId, phones: [{ type: 'mobile', number: nextNumber() }] }],
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body.deliveryId as string;
}

/** What the callbacks run in the page use (the test's own program has no DOM types). */
interface InPage {
  document: {
    activeElement: { id: string } | null;
    querySelector(selector: string): { textContent: string | null } | null;
    querySelectorAll(selector: string): { length: number };
    getElementById(id: string): { value?: string } | null;
  };
  sessionStorage: { length: number };
}
const focusedId = () => page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.id);
/** Waits until the element with this id has the focus (screens move it after they render, not with it). */
const focusMovesTo = (id: string) => page.waitForFunction((i) => (globalThis as unknown as InPage).document.activeElement?.id === i, id);
/** Waits until the control with this id holds `value` (screens fill some controls once their data arrives). */
const valueBecomes = (id: string, value: string) =>
  page.waitForFunction(([i, v]) => (globalThis as unknown as InPage).document.getElementById(i)?.value === v, [id, value] as const);

/** Waits until the tile shows `value` (the board re-reads the API every 2 s). */
async function expectTile(name: string, value: string | number) {
  await page.waitForFunction(
    ([n, v]) => (globalThis as unknown as InPage).document.querySelector(`[data-tile="${n}"]`)?.textContent === v,
    [name, String(value)] as const,
  );
}

test('/ leads to the console; a bad key is refused; the printed kind of key signs in', async () => {
  await page.goto(`${stack.apiUrl}/`);
  expect(new URL(page.url()).pathname).toBe('/console/');
  await page.getByLabel('API key').fill('pe_not_a_key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'This key is not valid.' }).waitFor();
  await screenshot('1-sign-in-refused');
  await page.getByLabel('API key').fill(keys.supervisor);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Live board' }).waitFor();
  await page.waitForURL((u) => u.pathname === `/console/board/${DEMO_ENGAGEMENT_ID}`);
  expect(await page.evaluate(() => (globalThis as unknown as InPage).sessionStorage.length)).toBe(1);
});

test("the board's counts equal the API's report while deliveries complete", async () => {
  // One delivery at a time, each followed by a board poll, then until all complete: every poll's tiles
  // show the report that poll read (the page's own response: event-driven, no sleep).
  const count = 6;
  const nextPoll = async () => {
    const response = await page.waitForResponse((r) => r.url().endsWith(`/v1/engagements/${DEMO_ENGAGEMENT_ID}/report`));
    const report = (await response.json()) as { deliveries: { total: number; byStatus: Record<string, number> } };
    await expectTile('completed', report.deliveries.byStatus.Complete ?? 0);
    await expectTile('total', report.deliveries.total);
    await expectTile('pending', report.deliveries.byStatus.Pending ?? 0);
    await expectTile('in-progress', report.deliveries.byStatus.InProcess ?? 0);
    return report;
  };
  for (let i = 0; i < count; i++) {
    await deliver();
    await nextPoll();
  }
  const deadline = Date.now() + 60_000;
  while ((await nextPoll()).deliveries.byStatus.Complete !== count && Date.now() < deadline);
  // Settled: the board equals a report the test reads itself.
  const api = (await supervisor().get(`/v1/engagements/${DEMO_ENGAGEMENT_ID}/report`)).body;
  expect(api.deliveries.byStatus.Complete).toBe(count);
  await expectTile('completed', api.deliveries.byStatus.Complete);
  await expectTile('total', api.deliveries.total);
  await expectTile('placed', api.calls.placed);
  await expectTile('connect-rate', `${((api.calls.connected / api.calls.placed) * 100).toFixed(1)} %`);
  await expectTile('dial-mode', 'progressive');
  await expectTile('state', 'active');
  const { abandonmentCapPercent, abandonmentWindowHours } = DEMO_ENGAGEMENT.pacingRules;
  await expectTile('abandonment-cap', `${abandonmentCapPercent} % / ${abandonmentWindowHours} h`);
  // uPlot drew the polled series.
  expect(await page.locator('figure.chart canvas').count()).toBeGreaterThan(0);
  await screenshot('2-live-board');
});

test('pause from the keyboard, a second pause shows why it did not apply, resume and set the priority with the mouse', async () => {
  // Keyboard only: tab to Pause, Enter opens the confirmation, type the reason, Enter confirms.
  await page.locator('body').focus();
  for (let i = 0; i < 40 && (await focusedId()) !== 'pause'; i++) await page.keyboard.press('Tab');
  expect(await focusedId()).toBe('pause');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Pause ${DEMO_ENGAGEMENT_ID}?` });
  await dialog.waitFor();
  await screenshot('3-pause-confirmation');
  await focusMovesTo('confirm-reason');
  await page.keyboard.type('script review');
  await page.keyboard.press('Enter');
  await page.locator('#control-outcome').filter({ hasText: 'Paused.' }).waitFor();
  await expectTile('state', 'paused');
  await page.locator('#state-reason').filter({ hasText: 'script review' }).waitFor();
  const engagement = (await supervisor().get(`/v1/engagements/${DEMO_ENGAGEMENT_ID}`)).body;
  expect(engagement).toMatchObject({ state: 'paused', stateReason: 'script review' });

  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await dialog.getByRole('button', { name: 'Pause' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'Not applied' });
  await refused.waitFor();
  expect(await refused.textContent()).toMatch(/already paused/);
  await screenshot('4-second-pause-refused');

  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await page
    .getByRole('dialog', { name: `Resume ${DEMO_ENGAGEMENT_ID}?` })
    .getByRole('button', { name: 'Resume' })
    .click();
  await page.locator('#control-outcome').filter({ hasText: 'Resumed.' }).waitFor();
  await expectTile('state', 'active');

  await page.getByLabel('New priority').selectOption('High');
  await page.getByRole('button', { name: 'Set priority' }).click();
  await page
    .getByRole('dialog', { name: `Set the priority of ${DEMO_ENGAGEMENT_ID} to High?` })
    .getByRole('button', { name: 'Set priority' })
    .click();
  await page.locator('#control-outcome').filter({ hasText: 'Priority set to High.' }).waitFor();
  await expectTile('priority', 'High');
});

test('find a waiting delivery, read why it waits, explain it at an instant, cancel it', async () => {
  const start = new Date(Math.ceil((Date.now() + 2 * 3600_000) / 60_000) * 60_000);
  const end = new Date(start.getTime() + 3600_000);
  const id = await deliver(
    { windows: [{ start: start.toISOString(), end: end.toISOString() }], trackingId: 'console-later' },
    'console-later',
  );
  waitingDeliveryId = id;
  await eventually(
    async () => (await integration().get(`/v1/deliveries/${id}`)).body,
    (d) => d.waitingFor?.reason === 'window',
  );

  await page.getByRole('link', { name: 'Deliveries' }).click();
  await page.getByLabel('Status').selectOption('Pending');
  await page.getByLabel('Contact id').fill('console-later');
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.locator(`tr[data-delivery="${id}"]`);
  // The list first shows every delivery; the search narrows it to this one.
  await page.waitForFunction((deliveryId) => {
    const doc = (globalThis as unknown as InPage).document;
    return doc.querySelectorAll('tbody tr').length === 1 && doc.querySelectorAll(`tr[data-delivery="${deliveryId}"]`).length === 1;
  }, id);
  await screenshot('5-deliveries-search');

  await row.getByRole('link').click();
  const waiting = page.locator('#waiting-for');
  await waiting.filter({ hasText: 'window' }).waitFor();
  expect(await waiting.textContent()).toMatch(/^window until /);
  await page.getByRole('table', { name: 'Timeline' }).waitFor();

  // Explain at the current instant: the window has not opened.
  await page.getByRole('button', { name: 'Explain' }).click();
  const explanation = page.locator('#explanation');
  await explanation.waitFor();
  expect(await explanation.textContent()).toMatch(/not callable/);
  await screenshot('6-delivery-waiting');

  await page.getByRole('button', { name: 'Cancel delivery' }).click();
  await page.getByRole('dialog', { name: 'Cancel this delivery?' }).getByRole('button', { name: 'Cancel delivery' }).click();
  await page.getByRole('status').filter({ hasText: 'Cancellation requested.' }).waitFor();
  await page.locator('#delivery-status').filter({ hasText: 'Cancelled' }).waitFor();
  await screenshot('7-delivery-cancelled');
});

test('an admin creates an engagement through the form: the API schema, run in the browser, flags a bad field first', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API key').fill(keys.admin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'New engagement' }).click();
  const posts: string[] = [];
  const onRequest = (r: { method(): string; url(): string }) => {
    if (r.method() === 'POST') posts.push(r.url());
  };
  page.on('request', onRequest);
  await page.getByLabel('Engagement id (optional)').fill('console-made');
  await page.getByLabel('Name').fill('Made in the console');
  await page.getByLabel('Queue id').fill('q-console');
  await page.getByLabel('Queue display number').fill('12');
  await page.getByLabel('Dial mode').selectOption('predictive');
  await page.getByLabel('mobile quiet hours (HH:mm-HH:mm, comma separated)').fill('21:00-08:00');
  await page.getByLabel('Maximum attempts').fill('3');
  await page.getByLabel('Seconds between attempts').fill('600');
  await page.getByRole('button', { name: 'Create engagement' }).click();
  const numberError = page.locator('#f-routing-queueDisplayNumber-error');
  await numberError.waitFor();
  expect(await page.getByLabel('Queue display number').getAttribute('aria-invalid')).toBe('true');
  expect(posts).toEqual([]);
  await screenshot('8-engagement-form-field-error');

  await page.getByLabel('Queue display number').fill('+1 555 010 9999');
  await page.getByRole('button', { name: 'Create engagement' }).click();
  await page.waitForURL(`${stack.apiUrl}/console/board/console-made`);
  page.off('request', onRequest);
  expect(posts).toEqual([`${stack.apiUrl}/v1/engagements`]);
  const created = (await supervisor().get('/v1/engagements/console-made')).body;
  expect(created).toMatchObject({
    name: 'Made in the console',
    dialMode: 'predictive',
    routing: { queueId: 'q-console', queueDisplayNumber: '+15550109999' },
    schedule: [{ type: 'mobile', quietHours: [{ start: '21:00', end: '08:00' }] }],
    reattempts: { maxAttempts: 3, waitSeconds: 600 },
  });
  await expectTile('dial-mode', 'predictive');
});

test('a newcomer sends the demo engagement a delivery from the browser and watches it complete (no curl, no file)', async () => {
  // Still signed in as the admin (the kind of key `npm start` prints).
  await page.getByRole('link', { name: 'New delivery' }).click();
  await page.getByRole('heading', { name: 'New delivery' }).waitFor();
  // The engagement list arrives after the heading; the demo is preselected once it has.
  await valueBecomes('new-delivery-engagementId', DEMO_ENGAGEMENT_ID);
  expect(await page.getByLabel('Engagement').inputValue()).toBe(DEMO_ENGAGEMENT_ID);
  const posts: string[] = [];
  const onRequest = (r: { method(): string; url(): string }) => {
    if (r.method() === 'POST') posts.push(r.url());
  };
  page.on('request', onRequest);
  await page.getByLabel('Contact id').fill('newcomer-1');
  await page.getByLabel('Phone number').fill('12');
  await page.getByRole('button', { name: 'Create delivery' }).click();
  await page.locator('#new-delivery-number-error').waitFor();
  expect(await page.getByLabel('Phone number').getAttribute('aria-invalid')).toBe('true');
  await focusMovesTo('new-delivery-number');
  expect(posts).toEqual([]);
  await screenshot('9-new-delivery-field-error');

  const number = nextNumber();
  await page.getByLabel('Phone number').fill(number);
  await page.getByRole('button', { name: 'Create delivery' }).click();
  await page.waitForURL(/\/console\/deliveries\/[0-9a-f-]{36}$/);
  page.off('request', onRequest);
  expect(posts).toEqual([`${stack.apiUrl}/v1/deliveries`]);
  const deliveryId = new URL(page.url()).pathname.split('/').at(-1)!;
  const stored = (await supervisor().get(`/v1/deliveries/${deliveryId}`)).body;
  expect(stored).toMatchObject({ engagementId: DEMO_ENGAGEMENT_ID });
  expect(JSON.stringify(stored)).toContain('newcomer-1');
  // The page follows it to the end: the demo engagement dials it on the simulator.
  await page.locator('#delivery-status').filter({ hasText: 'Complete' }).waitFor();
  await screenshot('10-new-delivery-complete');
});

test('an agent key sees only what its role allows', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API key').fill(keys.agent);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Roles: agent').waitFor();
  expect(await page.getByRole('link', { name: 'Live board' }).count()).toBe(0);
  expect(await page.getByRole('link', { name: 'Deliveries' }).count()).toBe(0);
  await page.goto(`${stack.apiUrl}/console/board/${DEMO_ENGAGEMENT_ID}`);
  await page.getByRole('alert').filter({ hasText: "Your key's roles do not allow this page." }).waitFor();
  expect(await page.locator('#pause').count()).toBe(0);

  // An agent reads a delivery, without the supervisor's cancel button.
  await page.goto(`${stack.apiUrl}/console/deliveries/${waitingDeliveryId}`);
  await page.locator('#delivery-status').filter({ hasText: 'Cancelled' }).waitFor();
  expect(await page.getByRole('button', { name: 'Cancel delivery' }).count()).toBe(0);

  // The key revoked while the page polls: back to sign-in, the key gone from the tab.
  await stack.database.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('name', '=', 'test agent').execute();
  await page.getByLabel('API key').waitFor();
  expect(await page.evaluate(() => (globalThis as unknown as InPage).sessionStorage.length)).toBe(0);
});
