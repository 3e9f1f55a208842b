/**
 * bench/seedBulk: one CCaaS_CreateProactiveDeliveryBulkV2 request of 15,000 records (50 bad ones), its
 * records as a serialized JSON string as the product's sample sends them, over HTTP to the API in this
 * process (embedded Postgres, the Temporal dev server, the simulator). Prints the request's wall time and this
 * process's memory: baseline, peak RSS sampled while the request runs, and the kernel's high-water
 * mark. The body is written to a file first and streamed from it, so the client holds no copy.
 * No worker runs unless --schedule is given: the batch's scheduling workflow then starts the
 * 14,950 delivery workflows in a child worker process and the time until all are started is printed.
 *
 *   npx tsx bench/seedBulk/run.ts [--records 15000] [--bad-every 300] [--schedule]
 */
import { once } from 'node:events';
import { statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { createApp } from '../../api/app';
import { storeApiKey } from '../../api/auth';
import { bulkRecords } from '../../test/helpers/bulkRecords';
import { engagementConfig } from '../../test/helpers/fixtures';
import { type BenchServices, startBenchServices } from '../benchServices';
import { postFile } from '../contactsCsv';
import { procStatusBytes } from '../productProcess';
import { startWorkerProcess } from '../workerProcess';

const TASK_QUEUE = 'bench-seed-bulk';

function argValue(flag: string, fallback: number): number {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
async function main(): Promise<void> {
  const total = argValue('--records', 15_000);
  const badEvery = argValue('--bad-every', 300);
  const schedule = process.argv.includes('--schedule');
  console.log(`starting Postgres, the Temporal dev server, the simulator${schedule ? ', a worker' : ''} and the API...`);
  const services = await startBenchServices('seed-bulk');
  try {
    await requestAndReport(services, { total, badEvery, schedule });
  } finally {
    await services.stack.stopAll();
  }
}

async function requestAndReport(
  { stack, db, workDir, temporal, productEnv }: BenchServices,
  { total, badEvery, schedule }: { total: number; badEvery: number; schedule: boolean },
): Promise<void> {
  const file = path.join(workDir, 'body.json');
  {
    const { records, bad } = bulkRecords(total, badEvery);
    writeFileSync(
      file,
      JSON.stringify({
        ApiVersion: '1.0',
        ProactiveEngagementConfigId: 'bench',
        RequestId: 'bench-1',
        ProactiveDeliveries: JSON.stringify(records),
      }),
    );
    console.log(`body: ${total} records (${bad.length} bad), ${(statSync(file).size / 1048576).toFixed(2)} MiB`);
  }
  const worker = schedule ? await startWorkerProcess(productEnv(TASK_QUEUE)) : undefined;
  if (worker) stack.add(() => worker.stop());
  const app = createApp({ db, temporal: temporal.client, taskQueue: TASK_QUEUE, logger: pino({ level: 'silent' }) });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  stack.add(() => new Promise((r) => server.close(() => r(undefined))));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Deliveries a day ahead would need windows, which the bulk API has not: with --schedule they are dialled.
  const config = engagementConfig({ name: 'bench' });
  await db
    .insertInto('engagements')
    .values({
      engagement_id: 'bench',
      name: 'bench',
      channel: config.channel,
      config: JSON.stringify(config),
      state: 'active',
      updated_at: new Date(),
    })
    .execute();
  const key = await storeApiKey(db, 'bench', ['integration']);

  global.gc?.();
  const baseline = process.memoryUsage();
  const hwmBefore = procStatusBytes(process.pid, 'VmHWM');
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const t0 = performance.now();
  const res = await postFile(`${apiUrl}/api/data/v9.2/CCaaS_CreateProactiveDeliveryBulkV2`, file, key, 'application/json');
  const elapsed = performance.now() - t0;
  clearInterval(sampler);
  if (res.status !== 200) throw new Error(`bulk request refused: ${res.status} ${res.body.slice(0, 500)}`);
  const body = JSON.parse(res.body) as {
    BatchId: string;
    AcceptedRecords: number;
    RejectedRecords: number;
    Errors: Array<{ Index: number }>;
  };
  console.log(
    `response 200: ${body.AcceptedRecords} accepted, ${body.RejectedRecords} rejected (first bad indices ${body.Errors.slice(0, 3)
      .map((e) => e.Index)
      .join(', ')}…), ${(res.body.length / 1048576).toFixed(2)} MiB`,
  );
  console.log(`wall time of the request: ${(elapsed / 1000).toFixed(2)} s (${Math.round(total / (elapsed / 1000))} records/s)`);
  console.log(`API process: baseline RSS ${mib(baseline.rss)} (heap used ${mib(baseline.heapUsed)})`);
  console.log(`  during the request: peak RSS ${mib(peakRss)} (+${mib(peakRss - baseline.rss)}), peak heap used ${mib(peakHeap)}`);
  console.log(`  kernel high-water mark (VmHWM): before ${mib(hwmBefore)}, after ${mib(procStatusBytes(process.pid, 'VmHWM'))}`);

  if (worker) {
    const t1 = performance.now();
    for (;;) {
      const row = await db
        .selectFrom('uploads')
        .select(['state', 'deliveries_scheduled'])
        .where('upload_id', '=', body.BatchId)
        .executeTakeFirstOrThrow();
      if (row.state === 'completed') {
        console.log(
          `all ${row.deliveries_scheduled} delivery workflows started ${((performance.now() - t1) / 1000).toFixed(1)} s after the answer`,
        );
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
