/**
 * `npm run test:mutation [group ...]`: runs Stryker (stryker.config.mjs) on each group of stryker.groups.json
 * in turn (all of them by default), one embedded Postgres for the groups that need it, then prints the
 * per-module table from the JSON reports (the one in README.md). `--table` prints the table only.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '../db/embeddedPostgres';
import { freePort } from '../runtime/freePort';

interface Group {
  mutate: string[];
  postgres?: boolean;
}

/** The part of Stryker's JSON report (mutation-testing-report-schema) the table reads. */
interface MutationReport {
  files: Record<string, { mutants: { status: string }[] }>;
}

const root = path.resolve(__dirname, '..');
const groups = JSON.parse(readFileSync(path.join(root, 'stryker.groups.json'), 'utf8')) as Record<string, Group>;
const reportPath = (group: string): string => path.join(root, 'reports', 'mutation', `${group}.json`);

export interface ModuleRow {
  module: string;
  mutants: number;
  killed: number;
  survived: number;
  timeout: number;
  noCoverage: number;
  /** (killed + timeout) / (killed + timeout + survived + no coverage), as Stryker counts it; null without mutants. */
  score: number | null;
}

export function moduleRows(report: MutationReport): ModuleRow[] {
  return Object.entries(report.files)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, { mutants }]) => {
      const count = (status: string): number => mutants.filter((m) => m.status === status).length;
      const [killed, survived, timeout, noCoverage] = ['Killed', 'Survived', 'Timeout', 'NoCoverage'].map(count) as [
        number,
        number,
        number,
        number,
      ];
      const detected = killed + timeout;
      const valid = detected + survived + noCoverage;
      return { module: file, mutants: valid, killed, survived, timeout, noCoverage, score: valid ? (100 * detected) / valid : null };
    });
}

function table(rows: ModuleRow[], seconds: Map<string, number>): string {
  const lines = ['| Module | Mutants | Killed | Survived | Timeout | No coverage | Score |', '|---|--:|--:|--:|--:|--:|--:|'];
  for (const r of rows)
    lines.push(
      `| ${r.module} | ${r.mutants} | ${r.killed} | ${r.survived} | ${r.timeout} | ${r.noCoverage} | ${r.score === null ? '-' : `${r.score.toFixed(1)}%`} |`,
    );
  const runTimes = [...seconds].map(([group, s]) => `${group} ${Math.round(s)} s`).join(', ');
  return lines.join('\n') + (runTimes ? `\n\nRun time: ${runTimes}.` : '');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const tableOnly = args.includes('--table');
  const chosen = args.filter((a) => a !== '--table');
  for (const name of chosen) if (!groups[name]) throw new Error(`unknown group "${name}": one of ${Object.keys(groups).join(', ')}`);
  const names = chosen.length ? chosen : Object.keys(groups);
  const seconds = new Map<string, number>();
  let failed = false;

  if (!tableOnly) {
    let postgres: EmbeddedPostgresHandle | undefined;
    let tmp: string | undefined;
    try {
      if (names.some((n) => groups[n]!.postgres) && !process.env.TEST_DATABASE_ADMIN_URL) {
        tmp = mkdtempSync(path.join(os.tmpdir(), 'engine-mutation-'));
        chmodSync(tmp, 0o755); // embedded Postgres, run as root, works as the `postgres` user
        postgres = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'postgres'), port: await freePort() });
        process.env.TEST_DATABASE_ADMIN_URL = postgres.url('postgres');
      }
      for (const name of names) {
        const started = Date.now();
        const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], {
          cwd: root,
          stdio: 'inherit',
          env: { ...process.env, MUTATION_GROUP: name },
        });
        seconds.set(name, (Date.now() - started) / 1000);
        if (run.status !== 0) failed = true;
      }
    } finally {
      await postgres?.stop();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    }
  }

  const rows = names
    .filter((n) => existsSync(reportPath(n)))
    .flatMap((n) => moduleRows(JSON.parse(readFileSync(reportPath(n), 'utf8')) as MutationReport));
  console.log(table(rows, seconds));
  if (failed) process.exitCode = 1;
}

if (require.main === module) void main();
