import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/** Where `vite build` (the `prepare` script) writes the console. */
export const CONSOLE_DIST = path.join(__dirname, '..', 'console', 'dist');

/**
 * Everything the console's page may load: its own origin only (no CDN, no external font or script),
 * and the API it calls is the same origin.
 */
const CONSOLE_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The operator console under /console: its built files, and index.html for any other path under it
 * (the console routes on the client). Not built yet: a 503 page that says how to build it.
 */
export function consoleSite(dist = CONSOLE_DIST): Router {
  const router = Router();
  router.get('/', (_req, res) => res.redirect(302, '/console/'));
  router.use('/console', (_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    next();
  });
  // Hashed file names: an asset's content never changes under its name.
  router.use('/console/assets', express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  router.use('/console', express.static(dist, { index: false }));
  router.get('/console{/*rest}', (_req, res) => {
    const index = path.join(dist, 'index.html');
    if (!existsSync(index)) {
      res
        .status(503)
        .type('html')
        .send(
          '<!doctype html><meta charset="utf-8"><title>Console not built</title>' +
            '<h1>The console is not built</h1><p>Run <code>npm install</code> (its <code>prepare</code> script runs ' +
            '<code>vite build</code> into <code>console/dist/</code>), then reload.</p>',
        );
      return;
    }
    res.sendFile(index);
  });
  return router;
}
