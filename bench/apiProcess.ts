/**
 * The product's API as its own process, as the benches run it: by default as `npm run api` runs it
 * (the bundle `npm run build:api` writes, under plain node), or from its TypeScript through tsx, as
 * `npm start` and the tests load it (`from: 'source'`), to compare the two.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type ProductProcess, startProductProcess } from './productProcess';

export type ApiProcess = ProductProcess;
export type ApiFrom = 'build' | 'source';

const ROOT = path.join(__dirname, '..');

export function startApiProcess(env: Record<string, string>, from: ApiFrom = 'build'): Promise<ApiProcess> {
  const ready = /API listening on port/;
  if (from === 'source') return startProductProcess('api/main.ts', env, ready);
  execFileSync('npm', ['run', '-s', 'build:api'], { cwd: ROOT, stdio: 'inherit' });
  return startProductProcess(apiScriptNodeArgs({ ...process.env, ...env }), env, ready);
}

/**
 * node's arguments as package.json's `api` script gives them (`node <args>`), its `${VAR:-default}`
 * expanded as the shell would: the bench runs the API with the script's own flags (its heap limit).
 */
export function apiScriptNodeArgs(env: NodeJS.ProcessEnv): string[] {
  const script: string = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.api;
  const expanded = script.replace(/\$\{(\w+):-([^}]*)\}/g, (_, name: string, fallback: string) => env[name] || fallback);
  const [node, ...args] = expanded.split(/\s+/);
  if (node !== 'node') throw new Error(`package.json's api script does not start with node: ${script}`);
  return args.map((arg) => (arg.startsWith('-') ? arg : path.join(ROOT, arg)));
}
