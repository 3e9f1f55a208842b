/**
 * `npm run purge -- --older-than-days N`: deletes closed deliveries (Complete, Expired, Cancelled, Error)
 * that ended more than N days ago, with their contacts, attributes, attempts, calls, events and
 * messages, in batches, and the pacing records (ticks, decisions, minute aggregates) of that age.
 * N defaults to DELIVERY_RETENTION_DAYS. Needs DATABASE_URL.
 */
import { createDb } from '../db/connect';
import { purgeClosedDeliveries } from '../db/deliveryPurge';
import { purgePacingRecords } from '../db/pacingDecisions';

const DAY_MS = 24 * 3600 * 1000;

export function parsePurgeArgs(argv: string[], env: NodeJS.ProcessEnv): { days: number; batchSize: number } {
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const daysText = flag('--older-than-days') ?? env.DELIVERY_RETENTION_DAYS;
  const days = Number(daysText);
  if (daysText === undefined || !Number.isInteger(days) || days < 1)
    throw new Error('give --older-than-days N (a whole number of days, at least 1) or set DELIVERY_RETENTION_DAYS');
  const batchSize = Number(flag('--batch-size') ?? 1000);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch-size must be a positive whole number');
  return { days, batchSize };
}

async function main(): Promise<void> {
  const { days, batchSize } = parsePurgeArgs(process.argv.slice(2), process.env);
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must be set (npm start prints the embedded database URL)');
  const db = createDb(url, 2);
  try {
    const endedBefore = new Date(Date.now() - days * DAY_MS);
    let sofar = 0;
    const deleted = await purgeClosedDeliveries(db, {
      endedBefore,
      batchSize,
      onBatch: (n) => console.log(`deleted ${(sofar += n)} so far`),
    });
    console.log(`purged ${deleted} closed deliveries that ended before ${endedBefore.toISOString()}`);
    const pacing = await purgePacingRecords(db, endedBefore);
    console.log(`purged ${pacing.ticks} pacing ticks (with their decisions) and ${pacing.minutes} pacing minutes before then`);
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
