/**
 * `npm start`: the whole engine on embedded defaults, in one terminal.
 * Temporal dev server (SQLite + Web UI) unless TEMPORAL_ADDRESS, embedded Postgres unless DATABASE_URL,
 * migrations, the dialer simulator unless DIALER_URL, then the worker and the API. Ctrl-C stops all of it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createApp } from '../api/app';
import { createHttpAvailabilityClient } from '../activities/availabilityClient';
import { startUploadResumer } from '../api/uploads/resumeUploads';
import { createHttpDialerClient } from '../activities/dialerClient';
import { createHttpSmsGatewayClient } from '../activities/smsGatewayClient';
import { createDb } from '../db/connect';
import { startEmbeddedPostgres } from '../db/embeddedPostgres';
import { migrateToLatest } from '../db/migrator';
import { dialerClientOptions, loadConfig } from '../runtime/config';
import { DEMO_ENGAGEMENT_ID, ensureDemoEngagement, ensureDevApiKey } from './demoSetup';
import { createLogger } from '../runtime/logger';
import { installWorkerRuntime } from '../runtime/workerRuntime';
import { AesGcmPayloadCodec, generatePayloadCodecKey, parsePayloadCodecKeys } from '../temporal/payloadCodec';
import { engineClient } from '../temporal/client';
import { registerSearchAttributes } from '../temporal/searchAttributeRegistration';
import { startTemporalDevServer } from '../runtime/temporalDevServer';
import { findTemporalCli } from '../runtime/temporalExecutables';
import { startSimulator } from '../simulator/server';
import { ensureReconciler } from '../workflowStarts/reconcilerStart';
import { createWorker } from '../worker';

/** One part to stop, in reverse start order; `kill` ends it at once when the stop is forced. */
type Stop = { name: string; stop: () => Promise<unknown>; timeoutMs?: number; kill?: () => void };

/** Past this, whatever has not stopped is killed: a stop never hangs. */
const SHUTDOWN_LIMIT_MS = 45_000;
const STEP_TIMEOUT_MS = 10_000;
const SIGNAL_ECHO_MS = 1_000;

function withTimeout(work: Promise<unknown>, ms: number): Promise<'done' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)));
  return Promise.race([work.then(() => 'done' as const), limit]).finally(() => clearTimeout(timer));
}

/**
 * PAYLOAD_CODEC_KEYS, else the key kept in the data directory (made on the first start): the dev stack
 * encrypts payloads by default. The file goes with the Temporal history it unlocks: delete both or neither.
 */
function payloadCodecKeys(configured: ReturnType<typeof loadConfig>['payloadCodecKeys'], dataDir: string) {
  if (configured) return configured;
  const file = path.join(dataDir, 'payload-codec-keys');
  if (!existsSync(file)) writeFileSync(file, `${generatePayloadCodecKey()}\n`, { mode: 0o600, flag: 'wx' });
  return parsePayloadCodecKeys(readFileSync(file, 'utf8').trim(), file);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const dataDir = path.resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const payloadCodec = new AesGcmPayloadCodec(payloadCodecKeys(config.payloadCodecKeys, dataDir));
  const apiUrl = `http://127.0.0.1:${config.apiPort}`;
  const stops: Stop[] = [];
  let stopping = false;

  // A second Ctrl-C, or a stop past its limit: kill the child processes (the dev server's whole group) and leave.
  const force = (reason: string, code: number) => {
    console.error(`\n${reason}: killing what is left`);
    for (const s of stops) s.kill?.();
    process.exit(code);
  };
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping... (Ctrl-C again to force)');
    setTimeout(() => force(`the stop took longer than ${SHUTDOWN_LIMIT_MS / 1000} s`, 1), SHUTDOWN_LIMIT_MS).unref();
    for (const s of [...stops].reverse()) {
      try {
        const outcome = await withTimeout(s.stop(), s.timeoutMs ?? STEP_TIMEOUT_MS);
        if (outcome === 'timeout') {
          s.kill?.();
          console.error(`  ${s.name}: did not stop within ${(s.timeoutMs ?? STEP_TIMEOUT_MS) / 1000} s${s.kill ? ', killed' : ''}`);
        } else {
          console.log(`  stopped ${s.name}`);
        }
      } catch (err) {
        console.error(`  ${s.name}: ${(err as Error).message}`);
      }
    }
    process.exit(code);
  };
  // Ctrl-C reaches this process twice: from the terminal (to the whole group) and relayed by npm. A
  // repeat within a second is that echo; a later one is a person asking again, and forces.
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopping) {
      firstSignalAt = Date.now();
      void shutdown(0);
    } else if (Date.now() - firstSignalAt > SIGNAL_ECHO_MS) {
      force(`${signal} during the stop`, 130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    // Temporal
    let temporalAddress = config.temporalAddress;
    let temporalUiUrl = config.temporalUiUrl;
    if (!temporalAddress) {
      let cli = findTemporalCli();
      if (!cli) {
        console.log('Temporal CLI not found: building it (scripts/install-temporal-cli.sh)...');
        execFileSync('bash', [path.join(__dirname, 'install-temporal-cli.sh')], { stdio: 'inherit' });
        cli = findTemporalCli();
        if (!cli) throw new Error('the Temporal CLI could not be installed');
      }
      const server = await startTemporalDevServer({
        cliPath: cli,
        dataDir: path.join(dataDir, 'temporal'),
        port: config.temporalPort,
        uiPort: config.temporalUiPort,
        namespace: config.temporalNamespace,
        // The UI decodes payloads through the API (an admin key is needed, see README).
        codecEndpoint: `${apiUrl}/codec`,
      });
      stops.push({ name: 'Temporal dev server', stop: () => server.stop(), timeoutMs: 15_000, kill: server.kill });
      temporalAddress = server.address;
      temporalUiUrl ??= server.uiUrl;
    }
    const connection = await Connection.connect({ address: temporalAddress });
    stops.push({ name: 'Temporal client', stop: () => connection.close() });
    await registerSearchAttributes(connection, config.temporalNamespace);

    // Postgres
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: config.postgresPort });
      stops.push({ name: 'Postgres', stop: () => pg.stop(), timeoutMs: 20_000, kill: pg.kill });
      await pg.createDatabase('engine');
      databaseUrl = pg.url('engine');
    }
    const db = createDb(databaseUrl);
    stops.push({ name: 'database pool', stop: () => db.destroy() });
    const applied = await migrateToLatest(db);
    await ensureDemoEngagement(db);
    const devKey = await ensureDevApiKey(db, dataDir, process.env.DEV_REPRESENTATIVE_ID || undefined);

    // Dialer
    let dialerUrl = config.dialerUrl;
    let smsGatewayUrl = config.smsGatewayUrl;
    let availabilityUrl = config.availabilityUrl;
    if (!dialerUrl || !smsGatewayUrl || !availabilityUrl) {
      const sim = await startSimulator({ port: config.simulatorPort });
      stops.push({ name: 'simulator', stop: sim.close });
      dialerUrl ??= sim.url;
      smsGatewayUrl ??= sim.url;
      availabilityUrl ??= sim.url;
    }

    const temporal = engineClient(connection, config.temporalNamespace, payloadCodec);

    // Worker: its SDK, workflow and activity lines join the same pino JSON stream (with requestId).
    installWorkerRuntime({ logger });
    const workerConnection = await NativeConnection.connect({ address: temporalAddress });
    stops.push({ name: 'worker connection', stop: () => workerConnection.close() });
    const worker = await createWorker({
      connection: workerConnection,
      namespace: config.temporalNamespace,
      taskQueue: config.taskQueue,
      db,
      pushFallbackPollMs: config.pushFallbackPollMs,
      dialer: createHttpDialerClient(dialerUrl, dialerClientOptions(config)),
      sms: createHttpSmsGatewayClient(smsGatewayUrl),
      availability: createHttpAvailabilityClient(availabilityUrl),
      temporal,
      payloadCodec,
      maxCachedWorkflows: config.workerMaxCachedWorkflows,
    });
    const workerRun = worker.run();
    // The SDK also drains the worker on SIGINT/SIGTERM by itself; either way we wait for it to finish.
    const stopWorker = async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun;
    };
    stops.push({ name: 'worker', stop: stopWorker, timeoutMs: 20_000 });
    workerRun.catch((err) => {
      console.error('worker stopped:', err);
      void shutdown(1);
    });
    await ensureReconciler(temporal, config.taskQueue);

    // API
    const app = createApp({
      db,
      temporal,
      taskQueue: config.taskQueue,
      logger,
      resultDestinationSecret: config.resultDestinationSecret,
      temporalUi: temporalUiUrl ? { url: temporalUiUrl, namespace: config.temporalNamespace } : undefined,
      payloadCodec: {
        codec: payloadCodec,
        namespace: config.temporalNamespace,
        allowedOrigins: [...new Set([...config.payloadCodecCorsOrigins, ...(temporalUiUrl ? [new URL(temporalUiUrl).origin] : [])])],
      },
      availability: createHttpAvailabilityClient(availabilityUrl),
    });
    const server: Server = await new Promise((resolve, reject) => {
      const s = app.listen(config.apiPort, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
    });
    const closeApi = () =>
      new Promise((r) => {
        server.close(() => r(undefined));
        // Idle keep-alive connections would hold close() open until they time out.
        server.closeIdleConnections();
      });
    stops.push({ name: 'API', stop: closeApi });
    // Uploads a previous run stopped in the middle of (their spooled file survives a crash).
    const stopResumer = startUploadResumer(db, logger);
    stops.push({ name: 'upload resumer', stop: async () => stopResumer() });

    console.log(`
Proactive engagement engine is running.
  API                ${apiUrl}   (health: ${apiUrl}/healthz)
  Console            ${apiUrl}/console/   (sign in with the development key below)
  Temporal           ${temporalAddress}${config.temporalAddress ? ' (external)' : ` (dev server, SQLite in ${path.join(dataDir, 'temporal')})`}
  Temporal Web UI    ${temporalUiUrl ?? '(set TEMPORAL_UI_URL)'}
  Postgres           ${config.databaseUrl ? '(external DATABASE_URL)' : `${databaseUrl.replace(/:[^:@/]+@/, ':***@')} (embedded, in ${path.join(dataDir, 'postgres')})`}
  Dialer             ${dialerUrl}${config.dialerUrl ? ' (external)' : ' (simulator)'}
  SMS gateway        ${smsGatewayUrl}${config.smsGatewayUrl ? ' (external)' : ' (simulator)'}
  Migrations         ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}
  Task queue         ${config.taskQueue}
  Payload codec      AES-256-GCM, ${config.payloadCodecKeys ? 'keys from PAYLOAD_CODEC_KEYS' : `key in ${path.join(dataDir, 'payload-codec-keys')}`} (UI: ${apiUrl}/codec)
  Demo engagement    ${DEMO_ENGAGEMENT_ID}
  Development key    ${devKey}

Try:
  curl -s -X POST ${apiUrl}/api/data/v9.2/CCaaS_CreateProactiveVoiceDelivery \\
    -H "Authorization: Bearer ${devKey}" -H 'Content-Type: application/json' \\
    -d '{"ProactiveEngagementConfigId":"${DEMO_ENGAGEMENT_ID}","DestinationPhoneNumber":"+15550100001","ContactId":"contact-1"}'

Ctrl-C stops everything.`);
  } catch (err) {
    console.error('start failed:', err);
    await shutdown(1);
  }
}

void main();
