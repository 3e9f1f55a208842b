/**
 * While Postgres is down the API answers 503 with Retry-After (health check included), names the
 * dependency and returns none of the driver's text; when Postgres is back it answers again, and no
 * connection lost in the outage crashed the process. Temporal here is an address nothing listens on.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { createApp } from '../../api/app';
import { createDb, type Db } from '../../db/connect';
import { migrateToLatest } from '../../db/migrator';
import { freePort } from '../../runtime/freePort';
import { apiKeyWithRoles } from '../helpers/fixtures';

let dataDir: string;
let port: number;
let pg: ChildProcess;
let db: Db;
let server: Server;
let baseUrl: string;
let key: string;
const poolErrors: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'engine-outage-'));
  chmodSync(dataDir, 0o755); // embedded Postgres, run as root, works as the `postgres` user
  port = await freePort();
  pg = await startPostgres();
  db = createDb(`postgres://engine:engine@127.0.0.1:${port}/engine`, 3, (err) => poolErrors.push(err.message));
  await migrateToLatest(db);
  key = await apiKeyWithRoles(db, 'integration');
  const temporal = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: 500 }) });
  const app = createApp({ db, temporal, taskQueue: 'outage-test', logger: pino({ level: 'silent' }) });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await db?.destroy();
  if (pg) await stopPostgres();
});

async function startPostgres(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../helpers/postgresProcess.ts')], {
    env: { ...process.env, PG_DATA_DIR: path.join(dataDir, 'postgres'), PG_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`postgres process exited with ${code}`)));
  });
  return child;
}

async function stopPostgres(): Promise<void> {
  if (pg.exitCode !== null) return;
  const exited = new Promise((r) => pg.once('exit', r));
  pg.kill('SIGTERM');
  await exited;
}

const deliveryBody = JSON.stringify({
  engagementId: 'no-such-engagement',
  contacts: [{ contactId: 'c1', phones: [{ type: 'mobile', number: '+15550100001' }] }],
});

async function post() {
  return fetch(`${baseUrl}/v1/deliveries`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': 'outage-1' },
    body: deliveryBody,
  });
}

/** An error body names a code and says what to do, and carries nothing from inside (driver text, hosts, SQL). */
async function expectUnavailable(res: Response, code: string) {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('5');
  const text = await res.text();
  expect(JSON.parse(text).error.code).toBe(code);
  for (const internal of [
    'ECONNREFUSED',
    '127.0.0.1',
    'terminated',
    'Connection',
    String(port),
    'select',
    'api_keys',
    'grpc',
    'UNAVAILABLE',
  ]) {
    expect(text).not.toContain(internal);
  }
}

test('Temporal down: the health check is a 503 naming Temporal', async () => {
  await expectUnavailable(await fetch(`${baseUrl}/healthz`), 'temporal_unavailable');
});

test('Postgres down: 503 + Retry-After on the health check and on a delivery POST; back to normal after', async () => {
  // Connections checked out and idle in the pool when Postgres goes away must not crash this process.
  const held = db.connection().execute(async (conn) => {
    await new Promise((r) => setTimeout(r, 500));
    return conn
      .selectNoFrom((eb) => eb.val(1).as('one'))
      .execute()
      .catch((err: Error) => err);
  });
  await stopPostgres();
  expect(await held).toBeInstanceOf(Error);

  await expectUnavailable(await fetch(`${baseUrl}/healthz`), 'database_unavailable');
  await expectUnavailable(await post(), 'database_unavailable');

  pg = await startPostgres();
  const res = await post();
  // Postgres answers again: the request goes as far as validation (the engagement does not exist).
  expect(res.status).toBe(400);
  expect(((await res.json()) as { error: { fields: { path: string }[] } }).error.fields[0]!.path).toBe('engagementId');
});
