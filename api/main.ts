/** `npm run api`: the API alone, against an existing Temporal (TEMPORAL_ADDRESS) and Postgres (DATABASE_URL). */
import { createHttpAvailabilityClient } from '../activities/availabilityClient';
import { createDb } from '../db/connect';
import { loadConfig } from '../runtime/config';
import { connectTemporalClient } from '../temporal/client';
import { createLogger } from '../runtime/logger';
import { AesGcmPayloadCodec } from '../temporal/payloadCodec';
import { createApp } from './app';
import { storeApiKey, ROLES, type Role } from './auth';
import { startUploadResumer } from './uploads/resumeUploads';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.temporalAddress || !config.databaseUrl) throw new Error('TEMPORAL_ADDRESS and DATABASE_URL must be set (or use `npm start`)');
  const logger = createLogger(config.logLevel, 'api');
  const db = createDb(config.databaseUrl);
  // API_KEYS_BOOTSTRAP="admin,integration:key1;supervisor:key2;agent@rep-7:key3" stores those keys (hashed)
  // at start; `@rep` binds a key to the representative it works as on the preview desk.
  for (const entry of (process.env.API_KEYS_BOOTSTRAP ?? '').split(';').filter(Boolean)) {
    const [rolesAndRep, key] = entry.split(':');
    const [rolesPart, representativeId] = (rolesAndRep ?? '').split('@');
    const roles = (rolesPart ?? '').split(',').filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    if (!key || roles.length === 0)
      throw new Error(`API_KEYS_BOOTSTRAP entry "${entry.replace(/:.*/, ':***')}" must be roles[@representative]:key`);
    await storeApiKey(db, 'bootstrap key', roles, key, { representativeId: representativeId || undefined });
  }
  const payloadCodec = config.payloadCodecKeys ? new AesGcmPayloadCodec(config.payloadCodecKeys) : undefined;
  const { client: temporal, connection } = await connectTemporalClient(config.temporalAddress, config.temporalNamespace, payloadCodec);
  const availabilityUrl = config.availabilityUrl ?? config.dialerUrl;
  const app = createApp({
    db,
    temporal,
    taskQueue: config.taskQueue,
    logger,
    resultDestinationSecret: config.resultDestinationSecret,
    temporalUi: config.temporalUiUrl ? { url: config.temporalUiUrl, namespace: config.temporalNamespace } : undefined,
    payloadCodec: payloadCodec && {
      codec: payloadCodec,
      namespace: config.temporalNamespace,
      allowedOrigins: config.payloadCodecCorsOrigins,
    },
    // The same source the worker paces on (worker.ts): the product's availability actions answer from it.
    availability: availabilityUrl ? createHttpAvailabilityClient(availabilityUrl) : undefined,
  });
  const server = app.listen(config.apiPort, '0.0.0.0', () => logger.info(`API listening on port ${config.apiPort}`));
  const stopResumer = startUploadResumer(db, logger);
  let stoppingSince = 0;
  const stop = () => {
    // A second signal (not npm's echo of the first), or a stop longer than 15 s, ends the process at once.
    if (stoppingSince) {
      if (Date.now() - stoppingSince > 1_000) process.exit(130);
      return;
    }
    stoppingSince = Date.now();
    setTimeout(() => process.exit(1), 15_000).unref();
    stopResumer();
    server.close(() => void Promise.allSettled([db.destroy(), connection.close()]).then(() => process.exit(0)));
    server.closeIdleConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
