/**
 * The worker's workflow bundle is built once per version of the sources: a restart reads the cached
 * file (a few ms) instead of bundling again (about 4-14 s); any changed source means a new bundle.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cachedWorkflowBundle, workflowSourcesHash } from '../../runtime/workflowBundleCache';

test('the hash follows every workflow, domain and temporal source and the lock file', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'bundle-hash-'));
  for (const dir of ['workflows', 'domain/delivery', 'temporal']) mkdirSync(path.join(root, dir), { recursive: true });
  writeFileSync(path.join(root, 'workflows/a.ts'), 'export const a = 1;');
  writeFileSync(path.join(root, 'domain/delivery/b.ts'), 'export const b = 1;');
  writeFileSync(path.join(root, 'package-lock.json'), '{}');
  const first = workflowSourcesHash(root);
  expect(workflowSourcesHash(root)).toBe(first);
  writeFileSync(path.join(root, 'domain/delivery/b.ts'), 'export const b = 2;');
  const second = workflowSourcesHash(root);
  expect(second).not.toBe(first);
  writeFileSync(path.join(root, 'temporal/c.ts'), 'export const c = 1;');
  expect(workflowSourcesHash(root)).not.toBe(second);
  writeFileSync(path.join(root, 'package-lock.json'), '{"v":2}');
  expect(workflowSourcesHash(root)).not.toBe(second);
});

test('a bundle cached for these sources is used as is, without bundling', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bundle-cache-'));
  const cached = path.join(dir, `workflows-${workflowSourcesHash()}.js`);
  writeFileSync(cached, '/* cached */');
  const started = Date.now();
  expect(await cachedWorkflowBundle(dir)).toEqual({ codePath: cached });
  expect(Date.now() - started).toBeLessThan(1000);
});
