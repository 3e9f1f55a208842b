/**
 * The product's API as its own process, as the benches run it: by default as `npm run api` runs it
 * (the bundle `npm run build:api` writes, under plain node), or from its TypeScript through tsx, as
 * `npm start` and the tests load it (`from: 'source'`), to compare the two.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { type ProductProcess, startProductProcess } from './productProcess';

export type ApiProcess = ProductProcess;
export type ApiFrom = 'build' | 'source';

const ROOT = path.join(__dirname, '..');

export function startApiProcess(env: Record<string, string>, from: ApiFrom = 'build'): Promise<ApiProcess> {
  const ready = /API listening on port/;
  if (from === 'source') return startProductProcess('api/main.ts', env, ready);
  execFileSync('npm', ['run', '-s', 'build:api'], { cwd: ROOT, stdio: 'inherit' });
  return startProductProcess(['--enable-source-maps', path.join(ROOT, 'dist', 'api.cjs')], env, ready);
}
