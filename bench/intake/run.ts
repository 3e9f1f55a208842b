/**
 * bench/intake: generates a CSV (chains, pass-through columns, ~1% bad rows), starts the stack (embedded
 * Postgres, Temporal dev server and simulator in this process; the API as `npm run api` and the worker
 * as `npm run worker`, each in a process of its own, so each memory figure is that process's alone),
 * uploads it over HTTP and prints how long intake and scheduling took and the resident memory of the API
 * and worker processes. Deliveries get a window a day ahead, so they wait Pending (no calls).
 *
 *   npm run bench:intake -- [--rows 100000] [--until stored|scheduled] [--api-from build|source]
 *
 * `--api-from source` runs the API from its TypeScript through tsx instead of the bundle `npm run api`
 * runs (tsx's loader keeps about 50 MiB more resident).
 * `--until stored` stops once every row is validated and stored (the intake figures); the default waits
 * until every delivery workflow is started too, which on a busy 2-core machine takes far longer.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { type ApiFrom, startApiProcess } from '../apiProcess';
import { type BenchServices, startBenchServices } from '../benchServices';
import { uploadCsv, writeContactsCsv } from '../contactsCsv';
import { startWorkerProcess } from '../workerProcess';
import { storeApiKey } from '../../api/auth';
import { engagementConfig } from '../../test/helpers/fixtures';
import { freePort } from '../../runtime/freePort';

const TASK_QUEUE = 'bench-intake';

function argValue(flag: string, fallback: number): number {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const rows = argValue('--rows', 100_000);
  const untilIndex = process.argv.indexOf('--until');
  const untilStored = untilIndex >= 0 && process.argv[untilIndex + 1] === 'stored';
  const fromIndex = process.argv.indexOf('--api-from');
  const apiFrom: ApiFrom = fromIndex >= 0 && process.argv[fromIndex + 1] === 'source' ? 'source' : 'build';
  console.log('starting Postgres, the Temporal dev server, the simulator, a worker and the API...');
  const services = await startBenchServices('intake');
  try {
    await uploadAndReport(services, { rows, untilStored, apiFrom });
  } finally {
    console.log('stopping...');
    await services.stack.stopAll();
  }
}

async function uploadAndReport(
  { stack, db, workDir, productEnv }: BenchServices,
  { rows, untilStored, apiFrom }: { rows: number; untilStored: boolean; apiFrom: ApiFrom },
): Promise<void> {
  const file = path.join(workDir, 'contacts.csv');
  const generated = await writeContactsCsv(file, rows);
  const bytes = statSync(file).size;
  console.log(
    `file: ${rows} rows, ${(bytes / 1024 / 1024).toFixed(2)} MiB (${bytes} bytes), ${generated.bad} bad rows, ${generated.chained} rows in chains of 3`,
  );
  const worker = await startWorkerProcess(productEnv(TASK_QUEUE));
  stack.add(() => worker.stop()); // the worker drains and exits
  const apiPort = await freePort();
  const api = await startApiProcess({ ...productEnv(TASK_QUEUE), API_PORT: String(apiPort) }, apiFrom);
  stack.add(() => api.stop());
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const config = engagementConfig({ name: 'bench' });
  await db
    .insertInto('engagements')
    .values({
      engagement_id: 'bench',
      name: config.name,
      channel: config.channel,
      config: JSON.stringify(config),
      state: 'active',
      updated_at: new Date(),
    })
    .execute();
  const key = await storeApiKey(db, 'bench', ['integration']);

  // The API process's resident memory: now, and its high-water mark (the kernel's, so no peak is missed between samples).
  const baseline = api.memory();
  let peakStored = NaN;

  const t0 = performance.now();
  const res = await uploadCsv(`${apiUrl}/v1/engagements/bench/uploads`, file, key);
  const tAccepted = performance.now();
  if (res.status !== 202) throw new Error(`upload refused: ${res.status} ${res.body}`);
  const uploadId = (JSON.parse(res.body) as { uploadId: string }).uploadId;
  let tValidated = 0;
  let tStored = 0;
  let upload: {
    state: string;
    progress: Record<string, number>;
    rowErrors: { count: number; items: Array<{ line: number; reason: string }> };
    error: string | null;
  };
  for (;;) {
    upload = (await (
      await fetch(`${apiUrl}/v1/uploads/${uploadId}`, { headers: { Authorization: `Bearer ${key}` } })
    ).json()) as typeof upload;
    if (!tValidated && !['receiving', 'validating'].includes(upload.state)) tValidated = performance.now();
    if (!tStored && !['receiving', 'validating', 'storing'].includes(upload.state)) {
      tStored = performance.now();
      peakStored = api.memory().peakRss;
      console.log(
        `  [${((tStored - t0) / 1000).toFixed(1)} s] stored: ${JSON.stringify(upload.progress)}; API peak RSS so far ${(peakStored / 1048576).toFixed(0)} MiB`,
      );
    }
    if (upload.state === 'completed' || upload.state === 'failed') break;
    if (tStored && untilStored) break;
    if (Math.floor(performance.now() / 10_000) !== Math.floor((performance.now() - 50) / 10_000))
      console.log(`  [${((performance.now() - t0) / 1000).toFixed(0)} s] ${upload.state} ${JSON.stringify(upload.progress)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const tScheduled = performance.now();
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`upload ${uploadId}: ${upload.state}${upload.error ? ` (${upload.error})` : ''}`);
  console.log(
    `  counters: ${JSON.stringify(upload.progress)}, row errors ${upload.rowErrors.count} (first: line ${upload.rowErrors.items[0]?.line}: ${upload.rowErrors.items[0]?.reason})`,
  );
  console.log(`  202 Accepted (body received, header checked) after ${s(tAccepted - t0)}`);
  console.log(`  all rows validated after ${s(tValidated - t0)} (first pass), stored ${s(tStored - tValidated)} later (second pass)`);
  console.log(
    `  all rows validated and stored after ${s(tStored - t0)}: ${Math.round(rows / ((tStored - t0) / 1000))} rows/s, ${Math.round(upload.progress.deliveriesCreated! / ((tStored - t0) / 1000))} deliveries/s`,
  );
  if (!untilStored)
    console.log(`  all delivery workflows started after ${s(tScheduled - t0)} (${upload.progress.deliveriesScheduled} workflows)`);
  console.log(
    `  API process (${apiFrom === 'build' ? 'npm run api: the built bundle' : 'api/main.ts through tsx'}): RSS ${mib(baseline.rss)} before the upload`,
  );
  console.log(`    until stored: peak RSS ${mib(peakStored)}`);
  console.log(`    until the end: peak RSS ${mib(api.memory().peakRss)}, RSS now ${mib(api.memory().rss)}`);
  console.log(
    `  worker process (scheduling activity + ${upload.progress.deliveriesScheduled} waiting delivery workflows): peak RSS ${mib(worker.memory().peakRss)}`,
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
