/**
 * The live board in a real browser (Debian's chromium via playwright-core) against the real stack:
 * while deliveries complete, every set of counts the board shows is one the API's board answered
 * (and, settled, equals the report); occupancy and representatives show the dispatcher's snapshot of
 * the simulator's representatives; the pool view lists the pool's engagements; uPlot draws the series.
 * Then the API docs page: swagger-ui, bundled, renders every operation of /openapi.json read with the key.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { BoardResponse } from '../../api/schemas/board';
import { DEMO_ENGAGEMENT_ID, ensureDemoEngagement } from '../../scripts/demoSetup';
import { apiClient } from '../helpers/apiClient';
import { buildConsole } from '../helpers/consoleBrowser';
import { apiKeyWithRoles, eventually } from '../helpers/fixtures';
import { startEngineStack, type EngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.join(os.tmpdir(), 'console-screenshots');
const UI_WAIT_MS = 30_000;
/** Representatives the simulator staffs the demo queue with, and how long each conversation keeps one busy. */
const REPRESENTATIVES = 3;
const HANDLE_MS = 3_000;

/** The tiles compared with the API's board, and where each is in its answer. */
const COUNT_TILES: Array<[string, (b: BoardResponse) => string]> = [
  ['throughput', (b) => String(b.tiles.throughputLastHour)],
  ['backlog-dial-slot', (b) => String(b.backlog['dial-slot'])],
  ['backlog-attempting', (b) => String(b.backlog.attempting)],
  ['backlog-window', (b) => String(b.backlog.window)],
  ['reps-available', (b) => String(b.representatives.available ?? '—')],
  ['reps-busy', (b) => String(b.representatives.busy ?? '—')],
  ['reps-offline', (b) => String(b.representatives.offline ?? '—')],
  ['calls-in-flight', (b) => String(b.dialing.inFlight ?? '—')],
  ['live-answers-window', (b) => String(b.abandonment.liveAnswers)],
];

let env: TestWorkflowEnvironment;
let consoleDist: string | undefined;
let stack: EngineStack;
let browser: Browser;
let page: Page;
let supervisorKey: string;
let integrationKey: string;
const boards: BoardResponse[] = [];
const offOrigin: string[] = [];
const pageErrors: string[] = [];

interface InPage {
  document: { querySelector(selector: string): { textContent: string | null } | null };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no chromium at ${CHROMIUM}: install it (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH`);
  }
  // The console this run serves is built from the sources under test, into a folder of its own.
  consoleDist = await buildConsole();
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'e2e-console-board', { dispatcherOptions: { tickMs: 250 }, consoleDist });
  await ensureDemoEngagement(stack.database.db);
  supervisorKey = await apiKeyWithRoles(stack.database.db, 'supervisor');
  integrationKey = await apiKeyWithRoles(stack.database.db, 'integration');
  const staffed = await fetch(`${stack.simulator.url}/sim/representatives`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ count: REPRESENTATIVES, handleMs: HANDLE_MS }),
  });
  expect(staffed.status).toBe(200);
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 1400 } })).newPage();
  page.setDefaultTimeout(UI_WAIT_MS);
  page.on('request', (r) => {
    if (!r.url().startsWith(stack.apiUrl)) offOrigin.push(r.url());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // A script or style the console's CSP refused, or any other error the page logged.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) pageErrors.push(m.text());
  });
  // Every board the page read, in order: what the tiles may show.
  page.on('response', async (r) => {
    if (/\/board$/.test(new URL(r.url()).pathname) && r.ok()) boards.push((await r.json()) as BoardResponse);
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await env?.teardown();
  if (consoleDist) rmSync(consoleDist, { recursive: true, force: true });
});

afterEach(() => {
  expect(offOrigin).toEqual([]);
  expect(pageErrors).toEqual([]);
});

const tileText = (name: string) =>
  page.evaluate((n) => (globalThis as unknown as InPage).document.querySelector(`[data-tile="${n}"]`)?.textContent ?? null, name);

async function shownCounts(): Promise<string[]> {
  return Promise.all(COUNT_TILES.map(([name]) => tileText(name)) as Array<Promise<string>>);
}

/** The board shows, all at once, the counts of one answer the API gave it (checked against every answer so far). */
async function expectCountsFromAnAnswer(): Promise<BoardResponse> {
  let match: BoardResponse | undefined;
  await eventually(shownCounts, (shown) => {
    match = boards.find((b) => COUNT_TILES.every(([, of], i) => of(b) === shown[i]));
    return match !== undefined;
  });
  return match!;
}

let numberSeq = 0;
async function deliver() {
  const res = await apiClient(stack.apiUrl, integrationKey).post('/v1/deliveries', {
    engagementId: DEMO_ENGAGEMENT_ID,
    contacts: [
      { contactId: `board-${++numberSeq}`, phones: [{ type: 'mobile', number: `+1555041${String(numberSeq).padStart(4, '0')}` }] },
    ],
  });
  expect(res.status).toBe(201);
}

test("the board's counts are the API's while deliveries complete; occupancy and representatives are the dispatcher's snapshot", async () => {
  await page.goto(`${stack.apiUrl}/console/`);
  await page.getByLabel('API key').fill(supervisorKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Live board' }).waitFor();
  await page.locator('[data-tile="reps-available"]').waitFor();

  const count = 8;
  let sawBusy = false;
  for (let i = 0; i < count; i++) {
    await deliver();
    const shown = await expectCountsFromAnAnswer();
    if ((shown.representatives.busy ?? 0) > 0) sawBusy = true;
  }
  // Until every delivery completed: each time, the tiles are one of the API's answers.
  const supervisor = apiClient(stack.apiUrl, supervisorKey);
  const deadline = Date.now() + 90_000;
  for (;;) {
    const shown = await expectCountsFromAnAnswer();
    if ((shown.representatives.busy ?? 0) > 0) sawBusy = true;
    if (shown.tiles.completed === count || Date.now() > deadline) break;
    await page.waitForResponse((r) => r.url().endsWith(`/v1/engagements/${DEMO_ENGAGEMENT_ID}/board`));
  }
  const report = (await supervisor.get(`/v1/engagements/${DEMO_ENGAGEMENT_ID}/report`)).body;
  expect(report.deliveries.byStatus.Complete).toBe(count);
  // Settled: the board, the API's board and the report agree.
  const api = (await supervisor.get(`/v1/engagements/${DEMO_ENGAGEMENT_ID}/board`)).body as BoardResponse;
  expect(api.tiles).toMatchObject({
    completed: count,
    callsPlaced: report.calls.placed,
    pending: 0,
    inProgress: 0,
    throughputLastHour: count,
  });
  expect(api.representatives).toMatchObject({ source: 'dispatcher', offline: 0 });
  expect((api.representatives.available ?? 0) + (api.representatives.busy ?? 0)).toBe(REPRESENTATIVES);
  await eventually(shownCounts, (shown) => shown[0] === String(count) && shown[4] !== '—');
  expect(await tileText('completed')).toBe(String(report.deliveries.byStatus.Complete));
  expect(await tileText('connect-rate')).toBe(`${((report.calls.connected / report.calls.placed) * 100).toFixed(1)} %`);
  expect(await tileText('occupancy')).toMatch(/^\d+\.\d %$/);
  expect(await tileText('abandonment-rolling')).toMatch(/^(\d+\.\d|—) % \/ \d+\.\d %$|^— \/ \d+\.\d %$/);
  expect(Number(await tileText('reps-available')) + Number(await tileText('reps-busy'))).toBe(REPRESENTATIVES);
  // Conversations kept representatives busy while the deliveries ran: occupancy was not always zero.
  expect(sawBusy).toBe(true);
  expect(boards.some((b) => b.series.occupancy.some((o) => o !== null && o > 0))).toBe(true);
  // uPlot drew the four series charts.
  expect(await page.locator('.board-charts figure.chart canvas').count()).toBeGreaterThanOrEqual(4);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'board-engagement.png'), fullPage: true });
});

test("the pool view shows the pool's engagements and the same representatives", async () => {
  const poolOption = page.getByLabel('Show');
  await poolOption.selectOption('pool');
  await page.getByRole('heading', { name: /^Pool queue:demo-queue/ }).waitFor();
  const row = page.locator(`tr[data-engagement="${DEMO_ENGAGEMENT_ID}"]`);
  await row.waitFor();
  const pool = await page.waitForResponse((r) => /\/v1\/pools\/.+\/board$/.test(r.url()));
  const body = (await pool.json()) as BoardResponse;
  expect(body.scope).toMatchObject({ kind: 'pool' });
  expect(body.engagements.map((e) => e.engagementId)).toContain(DEMO_ENGAGEMENT_ID);
  await expectCountsFromAnAnswer();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'board-pool.png'), fullPage: true });
});

test('the API docs page renders every operation of the OpenAPI document, read with the signed-in key', async () => {
  await page.getByRole('link', { name: 'API docs' }).click();
  await page.getByRole('heading', { name: 'API documentation' }).waitFor();
  const spec = (await apiClient(stack.apiUrl, supervisorKey).get('/openapi.json')).body as { paths: Record<string, object> };
  const operations = Object.values(spec.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  await page.locator('#api-docs .opblock').first().waitFor();
  expect(await page.locator('#api-docs .opblock').count()).toBe(operations);
  await page.locator('#api-docs .opblock-summary-path', { hasText: '/v1/engagements/{engagementId}/board' }).first().waitFor();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'api-docs.png'), fullPage: false });
});
