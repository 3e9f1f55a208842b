import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export function createDb(databaseUrl: string, poolSize = 10, onIdleError: (err: Error) => void = (err) => console.error(`postgres pool: ${err.message}`)): Db {
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
  // An idle connection the server closes (restart, shutdown) must not crash the process; the pool replaces it.
  pool.on('error', onIdleError);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
