/**
 * `npm run bench:dispatch [-- --deliveries 100000 --dial-seconds 120 --representatives 100]`
 * `npm run bench:dispatch -- --from-csv 100000 [--max-ai-calls 100]`: one CSV upload dialled to the end (csvCampaign.ts).
 * `npm run bench:dispatch -- --backlog-only 100000`: Postgres alone, the backlog written directly;
 *   times the claim query for each call order and a dispatcher snapshot at that size.
 *
 * One engagement with a large backlog on the real stack (Temporal dev server, embedded Postgres,
 * worker, HTTP simulator), in phases, printing figures for each:
 *   1. store N deliveries (rows, in batches) and start their workflows;
 *   2. with the queue closed, every delivery becomes eligible and joins the backlog in Postgres;
 *      the claim query and a dispatcher snapshot are timed against the full backlog;
 *   3. the queue opens for a while: calls per minute, deliveries completed, the dispatcher's runs;
 *   4. the campaign is paused through the dispatcher's update and the backlog left intact.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { BenchStack } from '../benchStack';
import { csvCampaign } from './csvCampaign';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { sql } from 'kysely';
import { createHttpAvailabilityClient } from '../../activities/availabilityClient';
import { createHttpDialerClient } from '../../activities/dialerClient';
import { createDispatchActivities } from '../../activities/dispatch';
import { queueOrderSql } from '../../db/dispatchQueue';
import { createHttpSmsGatewayClient } from '../../activities/smsGatewayClient';
import { engagementConfigSchema } from '../../api/schemas/engagement';
import { startDeliveryWorkflow } from '../../workflowStarts/deliveryWorkflowStart';
import { createDb } from '../../db/connect';
import { insertDeliveryRows } from '../../db/deliveryStore';
import { startEmbeddedPostgres } from '../../db/embeddedPostgres';
import { migrateToLatest } from '../../db/migrator';
import { windowBounds, windowsOrDefault } from '../../domain/delivery/windowInputs';
import type { DeliveryPlan } from '../../domain/delivery/deliveryPlan';
import { dispatchPool } from '../../domain/dispatch';
import { snapshotEngagement } from '../../domain/engagement';
import { dispatcherWorkflowId } from '../../temporal/workflowIds';
import { registerSearchAttributes } from '../../temporal/searchAttributeRegistration';
import { startTemporalDevServer } from '../../runtime/temporalDevServer';
import { findTemporalCli } from '../../runtime/temporalExecutables';
import { startSimulator } from '../../simulator/server';
import { freePort } from '../../runtime/freePort';
import { createWorker } from '../../worker';
import { pauseEngagementUpdate } from '../../workflows/dispatcherMessages';

const { values: args } = parseArgs({
  options: {
    deliveries: { type: 'string', default: '100000' },
    'dial-seconds': { type: 'string', default: '120' },
    representatives: { type: 'string', default: '100' },
    'start-concurrency': { type: 'string', default: '64' },
    'backlog-only': { type: 'string' },
    'from-csv': { type: 'string' },
    'max-ai-calls': { type: 'string', default: '100' },
  },
});
const N = Number(args.deliveries);
const DIAL_SECONDS = Number(args['dial-seconds']);
const REPS = Number(args.representatives);
const START_CONCURRENCY = Number(args['start-concurrency']);
const ENGAGEMENT = 'bench-backlog';
const QUEUE = 'bench-queue';
const TASK_QUEUE = 'bench-dispatch';

const t0 = Date.now();
const secs = (from: number) => ((Date.now() - from) / 1000).toFixed(1);
const log = (line: string) => console.log(`[${secs(t0).padStart(7)} s] ${line}`);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);

/** The backlog's queries at size N, without Temporal: deliveries and their queue rows written by SQL. */
async function backlogOnly(n: number): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-backlog-'));
  chmodSync(work, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(work, 'postgres'), port: await freePort() });
  const simulator = await startSimulator({ representatives: { count: REPS, handleMs: 1000 } });
  const db = createDb((await pg.createDatabase('bench'), pg.url('bench')), 5);
  try {
    await migrateToLatest(db);
    const config = engagementConfigSchema.parse({
      name: 'Backlog bench',
      routing: { queueId: QUEUE, queueDisplayNumber: '+15550109999' },
      schedule: [{ type: 'mobile', quietHours: [] }],
    });
    await db
      .insertInto('engagements')
      .values({
        engagement_id: ENGAGEMENT,
        name: config.name,
        channel: 'voice',
        config: JSON.stringify(config),
        state: 'active',
        updated_at: new Date(),
      })
      .execute();
    const writing = Date.now();
    await sql`insert into deliveries (delivery_id, conversation_id, engagement_id, channel, status, window_start_date, window_end_date, windows, workflow_id, created_at, updated_at)
      select gen_random_uuid(), gen_random_uuid()::text, ${ENGAGEMENT}, 'voice', 'Pending', now(), now() + interval '1 day', '[]', 'delivery-' || g, now() - (g || ' seconds')::interval, now()
      from generate_series(1, ${n}) g`.execute(db);
    await sql`insert into dispatch_queue (delivery_id, pool_key, engagement_id, workflow_id, attempt, is_retry, delivery_created_at, window_end, custom_priority, state, enqueued_at)
      select delivery_id, 'queue:' || ${QUEUE}, engagement_id, workflow_id, 1 + (random() < 0.2)::int, random() < 0.2, created_at, now() + (random() * 86400 || ' seconds')::interval,
             case when random() < 0.9 then floor(random() * 1000) else null end, 'waiting', now()
      from deliveries`.execute(db);
    await sql`analyze`.execute(db);
    log(`backlog of ${n} written by SQL in ${secs(writing)} s`);
    for (const order of ['fifo', 'lifo', 'window-end', 'custom-asc', 'custom-desc'] as const) {
      for (const retry of ['same', 'higher'] as const) {
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          const started = process.hrtime.bigint();
          await sql`select delivery_id from dispatch_queue where engagement_id = ${ENGAGEMENT} and pool_key = ${'queue:' + QUEUE} and state = 'waiting' order by ${queueOrderSql(order, retry)} limit 100 for update skip locked`.execute(
            db,
          );
          times.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        times.sort((a, b) => a - b);
        log(`  claim next 100 of ${n} (${order}, retry ${retry}): median ${times[2]!.toFixed(1)} ms, max ${times[4]!.toFixed(1)} ms`);
      }
    }
    const { loadDispatchSnapshot } = createDispatchActivities({
      db,
      temporal: {} as Client,
      taskQueue: TASK_QUEUE,
      availability: createHttpAvailabilityClient(simulator.url),
    });
    const pool = { poolKey: `queue:${QUEUE}`, queueId: QUEUE, skills: [] };
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      const snap = await loadDispatchSnapshot({ pool, outcomeCursor: '0' });
      times.push(Date.now() - started);
      bytes = JSON.stringify(snap).length;
    }
    times.sort((a, b) => a - b);
    log(
      `  dispatcher snapshot at ${n} waiting: median ${times[2]} ms, max ${times[4]} ms, ${bytes} bytes (its size does not grow with the backlog)`,
    );
  } finally {
    await db.destroy();
    await simulator.close();
    await pg.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (args['backlog-only']) return backlogOnly(Number(args['backlog-only']));
  if (args['from-csv']) return csvCampaign(Number(args['from-csv']), Number(args['max-ai-calls']));
  const cli = findTemporalCli();
  if (!cli) throw new Error('Temporal CLI not found: run `npm run setup` first');
  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-dispatch-'));
  chmodSync(work, 0o755); // embedded Postgres runs as the postgres user when we are root
  // Ctrl-C stops the dev server and Postgres too, not only this process.
  const stack = new BenchStack(work);
  stack.add(async () => clearInterval(rssTimer));
  try {
    const temporalServer = await startTemporalDevServer({
      cliPath: cli,
      dataDir: path.join(work, 'temporal'),
      port: await freePort(),
      uiPort: await freePort(),
      namespace: 'default',
    });
    stack.add(temporalServer.stop);
    const connection = await Connection.connect({ address: temporalServer.address });
    stack.add(() => connection.close());
    await registerSearchAttributes(connection, 'default');
    const temporal = new Client({ connection });
    const pg = await startEmbeddedPostgres({ dataDir: path.join(work, 'postgres'), port: await freePort() });
    stack.add(pg.stop);
    await pg.createDatabase('bench');
    const db = createDb(pg.url('bench'), 20);
    stack.add(() => db.destroy());
    await migrateToLatest(db);
    const simulator = await startSimulator({ representatives: { count: REPS, handleMs: 1000 } });
    stack.add(simulator.close);
    simulator.dialer.setDefaultOutcome({ state: 'Answered', ringMs: 500 });
    simulator.dialer.closedQueues.add(QUEUE);

    const config = engagementConfigSchema.parse({
      name: 'Backlog bench',
      routing: { queueId: QUEUE, queueDisplayNumber: '+15550109999' },
      schedule: [{ type: 'mobile', quietHours: [] }],
      callOrder: 'fifo',
    });
    await db
      .insertInto('engagements')
      .values({
        engagement_id: ENGAGEMENT,
        name: config.name,
        channel: 'voice',
        config: JSON.stringify(config),
        state: 'active',
        updated_at: new Date(),
      })
      .execute();

    const nativeConnection = await NativeConnection.connect({ address: temporalServer.address });
    stack.add(() => nativeConnection.close());
    const worker = await createWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue: TASK_QUEUE,
      db,
      dialer: createHttpDialerClient(simulator.url),
      sms: createHttpSmsGatewayClient(simulator.url),
      availability: createHttpAvailabilityClient(simulator.url),
      temporal,
    });
    const workerRun = worker.run();
    stack.add(async () => {
      worker.shutdown();
      await workerRun.catch(() => undefined);
    });
    log(`stack up: dev server, Postgres, simulator (${REPS} representatives, queue closed), worker`);

    // Phase 1: rows, then workflows.
    const snapshot = snapshotEngagement(ENGAGEMENT, config);
    const plans: DeliveryPlan[] = [];
    const phase1 = Date.now();
    for (let i = 0; i < N; i += 1000) {
      const batch: DeliveryPlan[] = [];
      await db.transaction().execute(async (trx) => {
        for (let j = i; j < Math.min(N, i + 1000); j++) {
          const now = new Date();
          const windows = windowsOrDefault(undefined, now);
          const bounds = windowBounds(windows);
          const number = `+1555${String(1_000_000 + j).slice(1)}`;
          const plan: DeliveryPlan = {
            deliveryId: randomUUID(),
            conversationId: randomUUID(),
            channel: 'voice',
            windows,
            contacts: [{ contactId: `c${j}`, phones: [{ type: 'mobile', number }] }],
            engagement: snapshot,
            inputAttributes: {},
          };
          await insertDeliveryRows(trx, {
            delivery: {
              delivery_id: plan.deliveryId,
              conversation_id: plan.conversationId,
              engagement_id: ENGAGEMENT,
              contact_id: `c${j}`,
              channel: 'voice',
              status: 'Pending',
              queue_id: QUEUE,
              dial_mode_type: config.dialMode,
              to_address: number,
              from_address: config.routing.queueDisplayNumber,
              window_start_date: bounds.start,
              window_end_date: bounds.end,
              windows: JSON.stringify(windows),
              workflow_id: `delivery-${plan.deliveryId}`,
              created_at: now,
              updated_at: now,
            },
            contacts: plan.contacts,
            inputAttributes: {},
            firstEvent: { status: 'Pending', detail: 'accepted (bench)' },
          });
          batch.push(plan);
        }
      });
      plans.push(...batch);
    }
    log(`phase 1a: ${N} deliveries stored in ${secs(phase1)} s`);
    const starting = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: START_CONCURRENCY }, async () => {
        while (next < plans.length) {
          const plan = plans[next++]!;
          await startDeliveryWorkflow(temporal, TASK_QUEUE, plan);
          if (next % 10_000 === 0) log(`  ${next} workflows started`);
        }
      }),
    );
    plans.length = 0;
    const startSeconds = (Date.now() - starting) / 1000;
    log(`phase 1b: ${N} delivery workflows started in ${startSeconds.toFixed(1)} s (${(N / startSeconds).toFixed(0)}/s)`);

    // Phase 2: the backlog fills.
    const backlogCount = async () =>
      Number(
        (
          await db
            .selectFrom('dispatch_queue')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const filling = Date.now();
    for (let last = -1; ;) {
      const n = await backlogCount();
      if (n >= N) break;
      if (Math.floor(n / 10_000) !== Math.floor(last / 10_000)) log(`  backlog ${n}`);
      last = n;
      await new Promise((r) => setTimeout(r, 2000));
    }
    log(`phase 2: all ${N} deliveries in the Postgres backlog ${secs(filling)} s after the last start`);
    for (const order of ['fifo', 'window-end', 'custom-asc'] as const) {
      const started = process.hrtime.bigint();
      await sql`select delivery_id from dispatch_queue where engagement_id = ${ENGAGEMENT} and state = 'waiting' order by ${queueOrderSql(order, 'same')} limit 100 for update skip locked`.execute(
        db,
      );
      log(`  claim query (${order}, next 100 of ${N}): ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)} ms`);
    }
    const pool = dispatchPool({ engagementId: ENGAGEMENT, dialMode: config.dialMode, routing: config.routing });
    const { loadDispatchSnapshot } = createDispatchActivities({
      db,
      temporal,
      taskQueue: TASK_QUEUE,
      availability: createHttpAvailabilityClient(simulator.url),
    });
    const snapStart = Date.now();
    const snap = await loadDispatchSnapshot({ pool, outcomeCursor: '0' });
    log(
      `  dispatcher snapshot at full backlog: ${Date.now() - snapStart} ms (waiting ${snap.engagements[0]?.waiting}, payload ${JSON.stringify(snap).length} bytes)`,
    );

    // Phase 3: dial.
    simulator.dialer.closedQueues.delete(QUEUE);
    const dialling = Date.now();
    const completed = async () =>
      Number(
        (
          await db
            .selectFrom('deliveries')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('status', '=', 'Complete')
            .executeTakeFirstOrThrow()
        ).n,
      );
    while (Date.now() - dialling < DIAL_SECONDS * 1000) {
      await new Promise((r) => setTimeout(r, 15_000));
      log(`  dialling: ${simulator.dialer.listCalls().length} calls placed, ${await completed()} deliveries complete`);
    }
    const calls = simulator.dialer.listCalls().length;
    const done = await completed();
    const minutes = (Date.now() - dialling) / 60_000;
    log(
      `phase 3: ${calls} calls in ${minutes.toFixed(1)} min (${(calls / minutes).toFixed(0)} calls/min with ${REPS} representatives, 0.5 s ring, 1 s handle), ${done} deliveries complete, ${await backlogCount()} still queued or in flight`,
    );

    // Phase 4: pause, and the dispatcher's runs.
    const dispatcher = temporal.workflow.getHandle(dispatcherWorkflowId(TASK_QUEUE, pool.poolKey));
    const paused = await dispatcher.executeUpdate(pauseEngagementUpdate, { args: [{ engagementId: ENGAGEMENT, reason: 'bench over' }] });
    log(`phase 4: paused (${paused.state}); backlog left: ${await backlogCount()}`);
    const runs: Array<{ status: string; history: number }> = [];
    for await (const run of temporal.workflow.list({ query: `WorkflowId = '${dispatcher.workflowId}'` }))
      runs.push({ status: run.status.name, history: run.historyLength ?? 0 });
    const current = await dispatcher.describe();
    const closed = runs.filter((r) => r.status !== 'RUNNING');
    log(
      `dispatcher: ${runs.length} runs (${closed.length} continued-as-new), largest closed run ${Math.max(0, ...closed.map((r) => r.history))} events, current run ${current.historyLength} events`,
    );
    log(`bench process peak RSS ${mib(peakRss)} (worker, API-less client, simulator in one process; dev server and Postgres are separate)`);
  } finally {
    await stack.stopAll();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
