import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import type { Database } from './schema';

export type Db = Kysely<Database>;

/** How long a query waits for a connection before failing (Postgres down or every connection busy). */
const CONNECTION_TIMEOUT_MS = 5_000;

/**
 * A pool whose connections can never crash the process. pg emits 'error' on a Client whose server went
 * away (restart, outage, shutdown); the pool listens only while the client is idle, so a connection lost
 * while checked out (in a query, a transaction) would be an unhandled 'error' event. Every client gets a
 * listener of its own at connect: its query fails, the pool discards it on release, the caller retries.
 */
export function createDb(
  databaseUrl: string,
  poolSize = 10,
  onConnectionError: (err: Error) => void = (err) => console.error(`postgres: ${err.message}`),
): Db {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPool(databaseUrl, poolSize, onConnectionError) }) });
}

function createPool(databaseUrl: string, poolSize: number, onConnectionError: (err: Error) => void): Pool {
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: CONNECTION_TIMEOUT_MS });
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => client.on('error', onConnectionError));
  return pool;
}
