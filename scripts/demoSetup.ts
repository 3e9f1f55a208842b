import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { storeApiKey, generateApiKey } from '../api/auth';
import type { Db } from '../db/connect';
import { engagementConfigSchema } from '../api/schemas/engagement';
import type { EngagementConfig } from '../domain/engagement';

export const DEMO_ENGAGEMENT_ID = 'demo';

/** A ready-to-use engagement so a first curl works: one attempt, simulator-friendly dialer settings. */
// No quiet hours, so the first curl completes at any hour; real engagements should set them.
export const DEMO_ENGAGEMENT: EngagementConfig = engagementConfigSchema.parse({
  name: 'Demo voice engagement',
  description: 'Created by `npm start` for trying the engine against the simulator',
  routing: { queueId: 'demo-queue', queueDisplayNumber: '+15550109999' },
  schedule: [
    { type: 'mobile', quietHours: [] },
    { type: 'business', quietHours: [] },
    { type: 'home', quietHours: [] },
  ],
  dialer: {
    project: 'proactive',
    tenant: 'Default',
    scenarioPath: '/scenarios/outbound',
    orchestratorUrl: 'http://127.0.0.1/orchestrator',
  },
});

export async function ensureDemoEngagement(db: Db): Promise<void> {
  await db
    .insertInto('engagements')
    .values({
      engagement_id: DEMO_ENGAGEMENT_ID,
      name: DEMO_ENGAGEMENT.name,
      channel: 'voice',
      config: JSON.stringify(DEMO_ENGAGEMENT),
      state: 'active',
      updated_at: new Date(),
    })
    .onConflict((oc) => oc.column('engagement_id').doNothing())
    .execute();
}

/** The representative the development key works as on the preview desk (DEV_REPRESENTATIVE_ID overrides it). */
export const DEV_REPRESENTATIVE_ID = 'dev-representative';

/**
 * The development key (all roles) lives in the data directory so it stays the same across restarts;
 * it is bound to a representative so the preview desk works with it as an agent would.
 */
export async function ensureDevApiKey(db: Db, dataDir: string, representativeId = DEV_REPRESENTATIVE_ID): Promise<string> {
  const file = path.join(dataDir, 'dev-api-key');
  const key = existsSync(file) ? readFileSync(file, 'utf8').trim() : generateApiKey();
  if (!existsSync(file)) writeFileSync(file, `${key}\n`, { mode: 0o600 });
  await storeApiKey(db, 'development key (npm start)', ['admin', 'supervisor', 'agent', 'integration'], key, { representativeId });
  return key;
}
