/**
 * `npm run bench:throughput -- [--noop 2000] [--deliveries 500] [--concurrency 32]`
 *
 * What a delivery costs the Temporal server, measured side by side in one run on one dev server:
 *   1. no-op workflows per second: started by this process (64 at a time) on a worker in this process,
 *      from the first start until the last one completed;
 *   2. end-to-end deliveries per second: POST /v1/deliveries to the API (this process) for an AI-agent
 *      engagement, the worker (`worker.ts`, a child process, as in production) dials them on the
 *      instant simulator (answered at once), until every delivery is persisted Complete;
 *   2b. the same number of deliveries sent in one request of the product's bulk action
 *      (CCaaS_CreateProactiveDeliveryBulkV2), from the request until every one is Complete: the same
 *      per-delivery work on the engine and Temporal, without one HTTP request and one transaction each;
 * and their ratios (deliveries/s ÷ no-op workflows/s): 1 would be a delivery as cheap as an empty workflow;
 * and what each process spent on each phase (CPU from /proc, bench/processCpu.ts): milliseconds a no-op
 * workflow and a delivery cost the Temporal dev server, the worker, Postgres and this process (API,
 * simulator, no-op worker, harness), steadier from run to run than the rates on a shared machine;
 *   3. the lag from a window opening to the dial: `--waiting N` deliveries (default 10,000; 0 skips it)
 *      are created over the API with the same window start, a little after the last of them is
 *      expected to be accepted; when every one is Complete, each call's dial (calls.started_at, set
 *      just before /v2/call is sent) minus the window start gives p50, p99 and max.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { startBenchServices } from '../benchServices';
import { startWorkerProcess } from '../workerProcess';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import pino from 'pino';
import { createApp } from '../../api/app';
import { storeApiKey } from '../../api/auth';
import { bulkRecords } from '../../test/helpers/bulkRecords';
import { noopWorkflow } from './noopWorkflow';
import { cpuMeter, findPids, processCpuSeconds } from '../processCpu';

const { values: args } = parseArgs({
  options: {
    noop: { type: 'string', default: '2000' },
    deliveries: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '32' },
    waiting: { type: 'string', default: '10000' },
  },
});
const WAITING = Number(args.waiting);
const NOOPS = Number(args.noop);
const DELIVERIES = Number(args.deliveries);
const CONCURRENCY = Number(args.concurrency);
const TASK_QUEUE = 'bench-throughput';
const NOOP_QUEUE = 'bench-throughput-noop';

const t0 = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${line}`);

/** Runs `work(i)` for i in [0, n) with at most `concurrency` at once. */
async function pooled(n: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, concurrency) }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  log('starting Postgres, the Temporal dev server, the simulator, the worker and the API...');
  const { stack, db, temporal: env, simulator, productEnv, pgPort } = await startBenchServices('throughput');
  let workerPid: number | undefined;
  const temporalPort = env.address.split(':').at(-1)!;
  const [devServer] = findPids((argv) => argv.includes('start-dev') && argv.includes(temporalPort));
  const [postmaster] = findPids((argv) => argv.includes('-D') && argv.includes(String(pgPort)));
  const cpu = cpuMeter({
    'Temporal dev server': () => (devServer ? processCpuSeconds(devServer, true) : NaN),
    worker: () => (workerPid ? processCpuSeconds(workerPid, true) : 0),
    Postgres: () => (postmaster ? processCpuSeconds(postmaster, true) : NaN),
    'this process (API, simulator, no-op worker)': () => processCpuSeconds(process.pid),
  });
  /** A measured phase: seconds since it began, and at its end also what each process spent on it. */
  const startPhase = () => {
    const mark = cpu.mark();
    const start = Date.now();
    const seconds = () => (Date.now() - start) / 1000;
    return { seconds, end: () => ({ seconds: seconds(), spent: cpu.since(mark) }) };
  };
  try {
    simulator.dialer.setDefaultOutcome({ state: 'Answered', ringMs: 0 });

    // 1. No-op workflows.
    const noopWorker = await Worker.create({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue: NOOP_QUEUE,
      workflowsPath: require.resolve('./noopWorkflow'),
    });
    const noopRun = noopWorker.run();
    const noopPhase = startPhase();
    await pooled(NOOPS, 64, async () => {
      await env.client.workflow.execute(noopWorkflow, { taskQueue: NOOP_QUEUE, workflowId: `noop-${randomUUID()}` });
    });
    const { seconds: noopSeconds, spent: noopSpent } = noopPhase.end();
    const noopRate = NOOPS / noopSeconds;
    log(`no-op workflows: ${NOOPS} in ${noopSeconds.toFixed(1)} s = ${noopRate.toFixed(1)}/s`);
    noopWorker.shutdown();
    await noopRun;

    // 2. Deliveries end to end.
    const worker = await startWorkerProcess(productEnv(TASK_QUEUE));
    stack.add(() => worker.stop());
    workerPid = worker.child.pid;
    const app = createApp({ db, temporal: env.client, taskQueue: TASK_QUEUE, logger: pino({ level: 'silent' }) });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    stack.add(() => new Promise((r) => server.close(() => r(undefined))));
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const admin = await storeApiKey(db, 'bench-admin', ['admin']);
    const integration = await storeApiKey(db, 'bench-integration', ['integration']);
    const post = async (key: string, urlPath: string, body: unknown) => {
      const res = await fetch(apiUrl + urlPath, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`POST ${urlPath}: ${res.status} ${await res.text()}`);
    };
    /** An AI-agent engagement (no representatives to wait for), answered at once by the simulator. */
    const aiEngagement = (engagementId: string) =>
      post(admin, '/v1/engagements', {
        engagementId,
        name: engagementId,
        engagementType: 'ai-agent',
        dialMode: 'ai-agent',
        dialModeSettings: { maxConcurrentAiCalls: 500 },
        routing: { queueId: 'bench-queue', queueDisplayNumber: '+15550109999' },
        schedule: [{ type: 'mobile', quietHours: [] }],
      });
    await aiEngagement('bench');
    const complete = async (engagementId?: string) =>
      Number(
        (
          await db
            .selectFrom('deliveries')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('status', '=', 'Complete')
            .$if(engagementId !== undefined, (q) => q.where('engagement_id', '=', engagementId!))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const deliveryPhase = startPhase();
    let accepted = 0;
    await pooled(DELIVERIES, CONCURRENCY, async (i) => {
      const number = `+1555${String(2_000_000 + i).slice(-7)}`;
      await post(integration, '/v1/deliveries', {
        engagementId: 'bench',
        contacts: [{ contactId: `c${i}`, phones: [{ type: 'mobile', number }] }],
      });
      accepted += 1;
    });
    const acceptMs = deliveryPhase.seconds() * 1000;
    log(`deliveries: ${accepted} accepted over the API in ${(acceptMs / 1000).toFixed(1)} s`);
    for (let last = -1; ;) {
      const done = await complete('bench');
      if (done >= DELIVERIES) break;
      if (Math.floor(done / 100) !== Math.floor(last / 100)) log(`  ${done} complete`);
      last = done;
      await new Promise((r) => setTimeout(r, 200));
    }
    const { seconds: deliverySeconds, spent: deliverySpent } = deliveryPhase.end();
    const deliveryRate = DELIVERIES / deliverySeconds;
    log(`deliveries: ${DELIVERIES} Complete in ${deliverySeconds.toFixed(1)} s = ${deliveryRate.toFixed(2)}/s`);

    /** Slots granted at the request (no dispatcher tick, no grant signal) among the engagement's deliveries. */
    const grantedAtRequest = async (engagementId: string) =>
      Number(
        (
          await db
            .selectFrom('request_grant_minutes')
            .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('grants'), eb.lit(0)).as('n'))
            .where('engagement_id', '=', engagementId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    log(`deliveries: ${await grantedAtRequest('bench')} of ${DELIVERIES} slots granted at the request, the rest by dispatcher ticks`);

    // What one delivery cost the server, whatever the load: its history's events and tasks (the last accepted).
    const sample = await db
      .selectFrom('deliveries')
      .select('workflow_id')
      .where('engagement_id', '=', 'bench')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const history = await env.client.workflow.getHandle(sample.workflow_id).fetchHistory();
    const events = history.events ?? [];
    const workflowTasks = events.filter((e) => e.workflowTaskCompletedEventAttributes).length;
    const activityTasks = events.filter((e) => e.activityTaskScheduledEventAttributes).length;
    const markers = events.filter((e) => e.markerRecordedEventAttributes).length;
    log(
      `one delivery's history: ${events.length} events, ${workflowTasks} workflow tasks, ${activityTasks} activity tasks, ${markers} markers (local activities, patches)`,
    );

    // 2b. The same number in one bulk request.
    await aiEngagement('bench-bulk');
    const { records } = bulkRecords(DELIVERIES, DELIVERIES + 1, { offset: DELIVERIES + 1 });
    for (const [i, r] of records.entries()) r.mobilePhoneNumber = `+1555${String(3_000_000 + i).slice(-7)}`;
    const bulkPhase = startPhase();
    const bulk = await fetch(`${apiUrl}/api/data/v9.2/CCaaS_CreateProactiveDeliveryBulkV2`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${integration}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ApiVersion: '1.0', ProactiveEngagementConfigId: 'bench-bulk', ProactiveDeliveries: JSON.stringify(records) }),
    });
    if (!bulk.ok) throw new Error(`bulk request: ${bulk.status} ${await bulk.text()}`);
    log(`bulk: ${DELIVERIES} accepted in one request in ${bulkPhase.seconds().toFixed(1)} s`);
    while ((await complete('bench-bulk')) < DELIVERIES) await new Promise((r) => setTimeout(r, 200));
    const { seconds: bulkSeconds, spent: bulkSpent } = bulkPhase.end();
    const bulkRate = DELIVERIES / bulkSeconds;
    log(`bulk: ${DELIVERIES} Complete in ${bulkSeconds.toFixed(1)} s = ${bulkRate.toFixed(2)}/s`);
    log(`bulk: ${await grantedAtRequest('bench-bulk')} of ${DELIVERIES} slots granted at the request`);

    console.log('\n| measure | count | seconds | per second | ÷ no-op |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    console.log(`| no-op workflows | ${NOOPS} | ${noopSeconds.toFixed(1)} | ${noopRate.toFixed(1)} | 1 |`);
    console.log(
      `| deliveries, one POST /v1/deliveries each (API -> dial -> Complete) | ${DELIVERIES} | ${deliverySeconds.toFixed(1)} | ${deliveryRate.toFixed(2)} | ${(deliveryRate / noopRate).toFixed(2)} |`,
    );
    console.log(
      `| deliveries, one bulk request (API -> dial -> Complete) | ${DELIVERIES} | ${bulkSeconds.toFixed(1)} | ${bulkRate.toFixed(2)} | ${(bulkRate / noopRate).toFixed(2)} |`,
    );
    console.log(
      `\nratio deliveries/s ÷ no-op workflows/s: ${(deliveryRate / noopRate).toFixed(2)} (one request each), ${(bulkRate / noopRate).toFixed(2)} (bulk)`,
    );
    printCpu([
      { label: 'a no-op workflow', count: NOOPS, spent: noopSpent },
      { label: 'a delivery, one POST each', count: DELIVERIES, spent: deliverySpent },
      { label: 'a delivery, bulk', count: DELIVERIES, spent: bulkSpent },
    ]);

    // 3. Deliveries waiting on the same instant: the lag from the window opening to each dial.
    if (WAITING > 0) {
      await aiEngagement('bench-window');
      // Accepting them takes about what phase 2's acceptance took per delivery (twice that, to be safe), plus 30 s.
      const acceptSeconds = (WAITING / accepted) * (acceptMs / 1000);
      const opensAt = new Date(Math.ceil((Date.now() + 30_000 + 2 * acceptSeconds * 1000) / 1000) * 1000);
      const window = { start: opensAt.toISOString(), end: new Date(opensAt.getTime() + 6 * 3600_000).toISOString() };
      log(`waiting deliveries: creating ${WAITING}, all with a window opening at ${window.start}`);
      const createStart = Date.now();
      await pooled(WAITING, CONCURRENCY, async (i) => {
        const number = `+1555${String(4_000_000 + i).slice(-7)}`;
        await post(integration, '/v1/deliveries', {
          engagementId: 'bench-window',
          contacts: [{ contactId: `w${i}`, phones: [{ type: 'mobile', number }] }],
          windows: [window],
        });
      });
      const createdAt = Date.now();
      log(`waiting deliveries: ${WAITING} accepted in ${((createdAt - createStart) / 1000).toFixed(1)} s`);
      if (createdAt >= opensAt.getTime()) throw new Error('the window opened before every delivery was accepted: use fewer --waiting');
      for (let last = -1; ;) {
        const done = await complete('bench-window');
        if (done >= WAITING) break;
        if (Math.floor(done / 500) !== Math.floor(last / 500)) log(`  ${done} of the waiting deliveries complete`);
        last = done;
        await new Promise((r) => setTimeout(r, 500));
      }
      const calls = await db
        .selectFrom('calls')
        .innerJoin('deliveries', 'deliveries.delivery_id', 'calls.delivery_id')
        .select('calls.started_at')
        .where('deliveries.engagement_id', '=', 'bench-window')
        .execute();
      const lags = calls.map((c) => (c.started_at ? c.started_at.getTime() - opensAt.getTime() : Infinity)).sort((a, b) => a - b);
      const at = (q: number) => lags[Math.min(lags.length - 1, Math.ceil(q * lags.length) - 1)]!;
      const sec = (ms: number) => (ms / 1000).toFixed(2);
      console.log(`\n| window-open lag (${lags.length} dials of ${WAITING} waiting deliveries) | p50 | p99 | max |`);
      console.log('| --- | ---: | ---: | ---: |');
      console.log(`| seconds from the window opening to the dial | ${sec(at(0.5))} | ${sec(at(0.99))} | ${sec(lags.at(-1)!)} |`);
    }
  } finally {
    await stack.stopAll();
  }
}

/** CPU milliseconds per unit of each phase, by process, and a delivery's total in no-op workflows. */
function printCpu(phases: Array<{ label: string; count: number; spent: Record<string, number> }>): void {
  const names = Object.keys(phases[0]!.spent);
  const ms = (p: (typeof phases)[number], name: string) => (p.spent[name]! * 1000) / p.count;
  const total = (p: (typeof phases)[number]) => names.reduce((sum, name) => sum + ms(p, name), 0);
  console.log(`\n| CPU ms per | ${names.join(' | ')} | total | ÷ no-op |`);
  console.log(`| --- |${' ---: |'.repeat(names.length + 2)}`);
  for (const p of phases) {
    const cells = names.map((name) => ms(p, name).toFixed(1));
    console.log(`| ${p.label} | ${cells.join(' | ')} | ${total(p).toFixed(1)} | ${(total(p) / total(phases[0]!)).toFixed(1)} |`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
