/**
 * A deployment's first run (compose's one-shot `first-run` service, after the migrations): creates the
 * demo engagement, and, when the database has no API key at all, a first admin key, printed this once
 * (only its hash is stored). Later runs create nothing and print no key.
 *
 *   DATABASE_URL=... [FIRST_KEY_REPRESENTATIVE_ID=rep-1] npx tsx scripts/firstRun.ts
 */
import { sql } from 'kysely';
import { storeApiKey } from '../api/auth';
import { createDb, type Db } from '../db/connect';
import { loadConfig } from '../runtime/config';
import { DEMO_ENGAGEMENT_ID, ensureDemoEngagement } from './demoSetup';

/**
 * The first admin key if the database had none (undefined otherwise); the demo engagement either way.
 * `representativeId` (FIRST_KEY_REPRESENTATIVE_ID) binds that key to a representative for the preview desk.
 */
export async function firstRun(db: Db, { representativeId }: { representativeId?: string } = {}): Promise<{ adminKey?: string }> {
  await ensureDemoEngagement(db);
  return db.transaction().execute(async (trx) => {
    // One first-run at a time: two replicas started together would otherwise both see no key.
    await sql`select pg_advisory_xact_lock(7214001)`.execute(trx);
    const existing = await trx.selectFrom('api_keys').select('name').limit(1).executeTakeFirst();
    if (existing) return {};
    return { adminKey: await storeApiKey(trx, 'first admin key (first run)', ['admin'], undefined, { representativeId }) };
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('DATABASE_URL must be set');
  const db = createDb(config.databaseUrl);
  try {
    const { adminKey } = await firstRun(db, { representativeId: process.env.FIRST_KEY_REPRESENTATIVE_ID || undefined });
    const consoleUrl = `${process.env.PUBLIC_URL ?? `http://localhost:${process.env.API_PORT ?? config.apiPort}`}/console/`;
    if (adminKey)
      console.log(`
First run: the demo engagement "${DEMO_ENGAGEMENT_ID}" and a first admin key were created.
  Console      ${consoleUrl}
  Admin key    ${adminKey}
This key is shown once (only its hash is stored): keep it now. It signs in to the console and creates further keys.
`);
    else console.log(`Demo engagement "${DEMO_ENGAGEMENT_ID}" present; API keys exist already (none printed). Console: ${consoleUrl}`);
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
