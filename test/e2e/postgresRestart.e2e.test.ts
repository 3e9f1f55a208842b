/**
 * A small campaign through a Postgres restart, with nobody's hand: the worker runs as a process of its
 * own, Postgres as another; Postgres is stopped for 10 s while calls ring and started again. Every
 * delivery reaches a final status, the worker process never exits, and each call intent reached the
 * dialer as one call at most (exactly one with a deduplicating dialer).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createDelivery } from '../../api/deliveryService';
import { createDb, type Db } from '../../db/connect';
import { migrateToLatest } from '../../db/migrator';
import { freePort } from '../../runtime/freePort';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { insertEngagement } from '../helpers/fixtures';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';
import { startWorkerProcess } from '../helpers/startWorkerProcess';
import { eventually } from '../helpers/waiting';

const taskQueue = 'postgres-restart';
const DELIVERIES = 10;
const OUTAGE_MS = 10_000;
const FINAL = ['Complete', 'Error', 'Expired', 'Cancelled'];

let env: TestWorkflowEnvironment;
let simulator: RunningSimulator;
let dataDir: string;
let pgPort: number;
let pg: ChildProcess | undefined;
let db: Db;
let worker: ChildProcess | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'engine-pg-restart-'));
  chmodSync(dataDir, 0o755); // embedded Postgres, run as root, works as the `postgres` user
  pgPort = await freePort();
  pg = await startPostgres();
  db = createDb(databaseUrl(), 3, () => undefined);
  await migrateToLatest(db);
  await insertEngagement(db, 'restart');
  env = await createLocalEnvironment();
  simulator = await startSimulator();
});
afterAll(async () => {
  await db?.destroy();
  await simulator?.close();
  await env?.teardown();
  await stopPostgres();
});

const databaseUrl = () => `postgres://engine:engine@127.0.0.1:${pgPort}/engine`;

async function startPostgres(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../helpers/postgresProcess.ts')], {
    env: { ...process.env, PG_DATA_DIR: path.join(dataDir, 'postgres'), PG_PORT: String(pgPort) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`postgres process exited with ${code}`)));
  });
  return child;
}

async function stopPostgres(): Promise<void> {
  if (!pg || pg.exitCode !== null || pg.signalCode !== null) return;
  const exited = new Promise((r) => pg!.once('exit', r));
  pg.kill('SIGTERM');
  await exited;
}

function startWorker(deduplicates: boolean): Promise<ChildProcess> {
  return startWorkerProcess({
    temporalAddress: env.address,
    databaseUrl: databaseUrl(),
    simulatorUrl: simulator.url,
    taskQueue,
    env: { DIALER_DEDUPLICATES: String(deduplicates) },
  });
}

afterEach(async () => {
  if (worker && worker.exitCode === null && worker.signalCode === null) {
    const exited = new Promise((r) => worker!.once('exit', r));
    worker.kill('SIGKILL');
    await exited;
  }
  worker = undefined;
});

/**
 * Deduplicating (the simulator's default): every call is reached and answered. Not deduplicating: a call
 * placed while its UniqueId could not be stored is never asked for again; it is Unknown and the delivery
 * ends unreached (CallFailed), never Error, and no intent is dialled twice.
 */
test.each([
  ['deduplicating', true],
  ['not deduplicating', false],
])(
  'Postgres stopped 10 s mid-campaign (%s dialer): every delivery final, the worker never exits, one call per intent',
  async (_, deduplicates) => {
    simulator.reset();
    simulator.dialer.deduplicatesConversationId = deduplicates;
    // Calls ring 4 s, so some are in flight (placed, not yet finished) when Postgres goes away.
    simulator.dialer.setDefaultOutcome({ state: 'Answered', ringMs: 4000 });
    worker = await startWorker(deduplicates);
    let workerExit: string | undefined;
    worker.once('exit', (code, signal) => (workerExit = `code ${code}, signal ${signal}`));

    const ids: string[] = [];
    for (let i = 0; i < DELIVERIES; i++) {
      const { deliveryId } = await createDelivery(
        { db, temporal: env.client, taskQueue },
        {
          engagementId: 'restart',
          contacts: [{ contactId: `r${i}`, phones: [{ type: 'mobile', number: `+155509000${String(i).padStart(2, '0')}` }] }],
        },
      );
      ids.push(deliveryId);
    }

    // Mid-campaign: some calls placed, not every delivery finished.
    await eventually(
      async () => simulator.dialer.listCalls().length,
      (n) => n >= 3,
      60_000,
      50,
    );
    await stopPostgres();
    const finishedBeforeOutage = simulator.dialer.listCalls().length;
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    pg = await startPostgres();
    const restartedAt = Date.now();

    const rows = await eventually(
      () => db.selectFrom('deliveries').select(['delivery_id', 'status', 'result']).where('delivery_id', 'in', ids).execute(),
      (rs) => rs.length === DELIVERIES && rs.every((r) => FINAL.includes(r.status)),
      180_000,
      500,
    );
    const recoveryMs = Date.now() - restartedAt;
    console.log(
      `postgres restart (${deduplicates ? '' : 'not '}deduplicating): ${DELIVERIES} deliveries, ${finishedBeforeOutage} calls placed before the outage, ` +
        `all final ${recoveryMs} ms after Postgres was back; dialer requests ${simulator.dialer.requestsReceived}, ` +
        `calls ${simulator.dialer.listCalls().length}`,
    );

    expect(workerExit).toBeUndefined();
    expect(worker.exitCode).toBeNull();
    const calls = await db.selectFrom('calls').select(['call_id', 'unique_id', 'call_state']).where('delivery_id', 'in', ids).execute();
    expect(calls).toHaveLength(DELIVERIES);
    if (deduplicates) {
      expect(rows.map((r) => [r.status, r.result])).toEqual(ids.map(() => ['Complete', 'CallEnded']));
      for (const call of calls) {
        const placed = simulator.dialer.callsForConversation(call.call_id);
        expect(placed).toHaveLength(1);
        expect(call).toMatchObject({ unique_id: placed[0]!.uniqueId, call_state: 'Answered' });
      }
      expect(simulator.dialer.listCalls()).toHaveLength(DELIVERIES);
    } else {
      for (const row of rows) expect(['Complete/CallEnded', 'Complete/CallFailed']).toContain(`${row.status}/${row.result}`);
      for (const call of calls) {
        expect(['Answered', 'Unknown']).toContain(call.call_state);
        expect(simulator.dialer.callsForConversation(call.call_id).length).toBeLessThanOrEqual(1);
      }
      // Never a request sent twice: each request the dialer saw placed its own call.
      expect(simulator.dialer.listCalls()).toHaveLength(simulator.dialer.requestsReceived);
    }
  },
);
