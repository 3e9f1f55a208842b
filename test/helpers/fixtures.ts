import { randomUUID } from 'node:crypto';
import { storeApiKey, type Role } from '../../api/auth';
import type { Db } from '../../db/connect';
import type { z } from 'zod';
import { engagementConfigSchema } from '../../api/schemas/engagement';
import type { EngagementConfig } from '../../domain/engagement';
import { insertDelivery } from '../../db/deliveryStore';
import { newDelivery, newDeliveryPlan } from '../../domain/delivery/newDelivery';

export type EngagementInput = Partial<z.input<typeof engagementConfigSchema>>;

/** An engagement through the real schema (so defaults are the API's): every phone type, no quiet hours, one attempt. */
export function engagementConfig(overrides: EngagementInput = {}): EngagementConfig {
  return engagementConfigSchema.parse({
    name: 'Test engagement',
    routing: { queueId: 'queue-1', queueDisplayNumber: '+15550109999' },
    schedule: [
      { type: 'mobile', quietHours: [] },
      { type: 'business', quietHours: [] },
      { type: 'home', quietHours: [] },
    ],
    dialer: { project: 'test', tenant: 'Default', scenarioPath: '/s', orchestratorUrl: 'http://orchestrator.test' },
    ...overrides,
  });
}

export async function insertEngagement(db: Db, engagementId: string, config: EngagementConfig = engagementConfig()): Promise<void> {
  await db
    .insertInto('engagements')
    .values({
      engagement_id: engagementId,
      name: config.name,
      channel: config.channel,
      config: JSON.stringify(config),
      state: 'active',
      updated_at: new Date(),
    })
    .execute();
}

export async function apiKeyWithRoles(db: Db, ...roles: Role[]): Promise<string> {
  return storeApiKey(db, `test ${roles.join(',')}`, roles);
}

/** The representative the tests' agent keys work as on the preview desk. */
export const TEST_REPRESENTATIVE_ID = 'rep-7';

/** An agent key bound to a representative (the preview routes act as it). */
export async function agentKey(db: Db, representativeId = TEST_REPRESENTATIVE_ID): Promise<string> {
  return storeApiKey(db, `test agent ${representativeId}`, ['agent'], undefined, { representativeId });
}

/** `eventually` lives in ./waiting; re-exported for the files still importing it from here. */
/**
 * Stores a delivery of one contact with one mobile number, as a request creates it (status Pending),
 * and returns its id: for tests of what reads deliveries (board, reports, purge, metrics).
 */
export async function insertOneContactDelivery(db: Db, engagementId: string, config: EngagementConfig, now = new Date()): Promise<string> {
  const plan = newDeliveryPlan(
    { deliveryId: randomUUID(), conversationId: randomUUID() },
    engagementId,
    config,
    { contacts: [{ contactId: 'c', phones: [{ type: 'mobile', number: '+15550000000' }] }] },
    now,
  );
  await db
    .transaction()
    .execute((trx) => insertDelivery(trx, newDelivery(plan, config, { origin: { kind: 'request' }, now, policies: [] })));
  return plan.deliveryId;
}

export { eventually } from './waiting';
