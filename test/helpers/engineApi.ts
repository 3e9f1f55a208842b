import type { Db } from '../../db/connect';
import { apiClient } from './apiClient';
import { agentKey, apiKeyWithRoles } from './fixtures';

export type RoleKeys = { admin: string; integration: string; supervisor: string; agent: string };

/** Where an e2e file's API runs and its keys (filled in by its beforeAll: read at call time). */
export interface ApiContext {
  readonly stack: { apiUrl: string };
  readonly keys: RoleKeys;
}

/** One API key per role; the agent's is bound to representative rep-7. */
export async function roleKeys(db: Db): Promise<RoleKeys> {
  return {
    admin: await apiKeyWithRoles(db, 'admin'),
    integration: await apiKeyWithRoles(db, 'integration'),
    supervisor: await apiKeyWithRoles(db, 'supervisor'),
    agent: await agentKey(db),
  };
}

/**
 * The engine's API as an e2e test uses it: a client per role, engagements created through
 * `POST /v1/engagements` (so they get the API's defaults), one-contact deliveries through
 * `POST /v1/deliveries`, and fresh phone numbers `+1555<prefix><4 digits>` (a prefix per file keeps
 * the simulator's per-number scripts apart).
 */
export function engineApi(e2e: ApiContext, numberPrefix: string) {
  const as = (role: keyof RoleKeys) => apiClient(e2e.stack.apiUrl, e2e.keys[role]);
  let numberSeq = 0;
  const nextNumber = () => `+1555${numberPrefix}${String(++numberSeq).padStart(4, '0')}`;

  /** A voice engagement on `queueId` calling mobiles only, no quiet hours; `extra` overrides any setting. */
  async function engagement(id: string, queueId: string, extra: Record<string, unknown> = {}): Promise<void> {
    const res = await as('admin').post('/v1/engagements', {
      engagementId: id,
      name: id,
      routing: { queueId, queueDisplayNumber: '+15550109999' },
      schedule: [{ type: 'mobile', quietHours: [] }],
      ...extra,
    });
    expect(res.status).toBe(201);
  }

  /** A one-contact delivery to `number` (a fresh one by default); 201 expected. */
  async function deliver(
    engagementId: string,
    number = nextNumber(),
    extra: Record<string, unknown> = {},
  ): Promise<{ deliveryId: string; number: string }> {
    const res = await as('integration').post('/v1/deliveries', {
      engagementId,
      contacts: [{ contactId: `c-${number}`, phones: [{ type: 'mobile', number }] }],
      ...extra,
    });
    expect(res.status).toBe(201);
    return { deliveryId: res.body.deliveryId, number };
  }

  return { as, engagement, deliver, nextNumber };
}
