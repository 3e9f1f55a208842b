/**
 * Embedded Postgres in a process of its own, for tests that stop and restart it (jest cannot load the
 * ESM-only package in a test file). PG_DATA_DIR and PG_PORT; prints "ready" once it accepts connections,
 * and stops it on SIGTERM.
 */
import { startEmbeddedPostgres } from '../../db/embeddedPostgres';

async function main(): Promise<void> {
  const pg = await startEmbeddedPostgres({ dataDir: process.env.PG_DATA_DIR!, port: Number(process.env.PG_PORT) });
  await pg.createDatabase('engine');
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => void pg.stop().then(() => process.exit(0)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
