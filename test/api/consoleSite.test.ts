import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { consoleSite } from '../../api/consoleSite';

async function serve(dist: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.use(consoleSite(dist));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

test('not built: /console answers a 503 page that says how to build it', async () => {
  const site = await serve(path.join(os.tmpdir(), 'no-console-here'));
  try {
    const res = await fetch(`${site.url}/console/board/demo`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toMatch(/npm install/);
  } finally {
    await site.close();
  }
});

test('built: / redirects to the console, client routes get index.html, assets are served, all under a same-origin CSP', async () => {
  const dist = mkdtempSync(path.join(os.tmpdir(), 'console-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(path.join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
  const site = await serve(dist);
  try {
    const root = await fetch(`${site.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/console/');
    for (const route of ['/console', '/console/', '/console/deliveries/123']) {
      const page = await fetch(`${site.url}${route}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>console</title>');
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    }
    const asset = await fetch(`${site.url}/console/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    // A missing asset is a 404, not the page (a stale tab must not run HTML as a script).
    expect((await fetch(`${site.url}/console/assets/gone.js`)).status).toBe(404);
  } finally {
    await site.close();
  }
});
