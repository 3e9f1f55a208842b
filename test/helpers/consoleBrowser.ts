/**
 * The console in a real browser against the real stack, for the screen-by-screen browser tests:
 * Debian's chromium driven by playwright-core (nothing downloaded), the console built from the sources
 * under test (into a folder of its own, served by the API's console router in front of the API), a Temporal dev server, Postgres, the simulator, a worker and the API. Every test checks
 * that the page made no request off its origin and logged no error.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Role } from '../../api/auth';
import { consoleSite } from '../../api/consoleSite';
import type { DispatcherOptions } from '../../domain/dispatch';
import { apiClient } from './apiClient';
import { startEngineStack, type EngineStack } from './engineStack';
import { agentKey, apiKeyWithRoles } from './fixtures';
import { createLocalEnvironment } from './temporalEnvironments';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(os.tmpdir(), 'console-screenshots');
const ROOT = path.join(__dirname, '..', '..');
/** How long the browser waits for a screen to show what the API says (screens poll every 0.5-10 s). */
const UI_WAIT_MS = 30_000;
/** Test files build the console one at a time (the machine is small; each build is a few seconds of CPU). */
const BUILD_LOCK = path.join(os.tmpdir(), 'engine-console-build.lock');

/**
 * Builds the console from the sources under test into a new folder of the calling test file's own (the
 * caller removes it), one build at a time across test files: vite 8.4 refuses a second build of the same
 * project while one runs, and another file's page may be loading from its own build meanwhile.
 */
export async function buildConsole(): Promise<string> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'console-dist-'));
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(BUILD_LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'console', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'],
      { cwd: ROOT, stdio: 'inherit' },
    );
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
  return outDir;
}

/**
 * One origin for the page: the API's own console router (api/consoleSite.ts, with its CSP) over this
 * file's build, and every other request passed to the API unchanged (bodies streamed, uploads included).
 */
async function serveConsole(dist: string, apiUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const api = new URL(apiUrl);
  const app = express();
  app.use(consoleSite(dist));
  app.use((req, res) => {
    const upstream = http.request(
      { host: api.hostname, port: api.port, method: req.method, path: req.originalUrl, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ConsoleBrowser {
  stack: EngineStack;
  /** The console's origin (the page's URLs and requests); the API answers behind it. */
  url: string;
  page: Page;
  keys: Record<'admin' | 'supervisor' | 'integration' | 'agent', string>;
  as(role: 'admin' | 'supervisor' | 'integration' | 'agent'): ReturnType<typeof apiClient>;
  signIn(role: 'admin' | 'supervisor' | 'integration' | 'agent'): Promise<void>;
  screenshot(name: string): Promise<void>;
  /** Problems seen since the last call (off-origin requests, page errors): each test expects none. */
  takeProblems(): string[];
  stop(): Promise<void>;
}

export async function startConsoleBrowser(
  taskQueue: string,
  dispatcherOptions: Partial<DispatcherOptions> = { tickMs: 250 },
): Promise<ConsoleBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no chromium at ${CHROMIUM}: install it (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH`);
  }
  const dist = await buildConsole();
  const env: TestWorkflowEnvironment = await createLocalEnvironment();
  const stack = await startEngineStack(env, taskQueue, { dispatcherOptions });
  const db = stack.database.db;
  const roles: Role[] = ['admin', 'supervisor', 'integration', 'agent'];
  // The agent's key is bound to representative rep-7: the preview desk works as it.
  const keyOf = (r: Role) => (r === 'agent' ? agentKey(db) : apiKeyWithRoles(db, r));
  const keys = Object.fromEntries(await Promise.all(roles.map(async (r) => [r, await keyOf(r)]))) as ConsoleBrowser['keys'];
  const site = await serveConsole(dist, stack.apiUrl);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_WAIT_MS);
  const problems: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    // blob: URLs are files the page made itself (a download of row errors).
    if (!url.startsWith(site.url) && !url.startsWith('blob:')) problems.push(`off origin: ${url}`);
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    // A refused request (400, 409) is logged by the browser itself; the screens show those.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(m.text());
  });
  const screenshots: string[] = [];
  return {
    stack,
    url: site.url,
    page,
    keys,
    as: (role) => apiClient(stack.apiUrl, keys[role]),
    async signIn(role) {
      // A fresh tab's state: no key kept from the last sign-in.
      await page.goto(`${site.url}/console/`);
      await page.evaluate(() => (globalThis as unknown as { sessionStorage: { clear(): void } }).sessionStorage.clear());
      await page.goto(`${site.url}/console/`);
      await page.getByLabel('API key').fill(keys[role]);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText(`Roles: ${role}`).waitFor();
    },
    async screenshot(name) {
      const file = path.join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      screenshots.push(file);
    },
    takeProblems: () => problems.splice(0),
    async stop() {
      await browser.close();
      await site.close();
      await stack.stop();
      rmSync(dist, { recursive: true, force: true });
      await env.teardown();
      if (screenshots.length) console.log(`console screenshots:\n${screenshots.map((s) => `  ${s}`).join('\n')}`);
    },
  };
}
