/**
 * CSV uploads as the e2e tests drive them: the file posted as text/csv, the upload followed to its end,
 * the engagement's deliveries read back through the API, and what an engagement has stored.
 */
import type { Db } from '../../db/connect';
import type { ApiContext, RoleKeys } from './engineApi';
import { apiClient } from './apiClient';
import { waitUntil } from './waiting';

/** Lines as a CSV file (with its final newline). */
export const csv = (lines: string[]) => `${lines.join('\n')}\n`;

/** A window from one to two hours ahead: deliveries stay Pending (no call) for the whole test. */
export const laterWindow = () => ({
  start: new Date(Date.now() + 3600_000).toISOString(),
  end: new Date(Date.now() + 7200_000).toISOString(),
});

/** The input attributes of a delivery's view, as an object. */
export const inputAttributes = (d: { attributes: Array<{ keyword: string; value: string; type: string }> }) =>
  Object.fromEntries(d.attributes.filter((a) => a.type === 'input').map((a) => [a.keyword, a.value]));

export function uploadsApi(e2e: ApiContext) {
  const as = (role: keyof RoleKeys) => apiClient(e2e.stack.apiUrl, e2e.keys[role]);

  function upload(engagementId: string, body: string, role: keyof RoleKeys = 'integration', query = '') {
    return as(role).raw('POST', `/v1/engagements/${engagementId}/uploads${query}`, body, { 'Content-Type': 'text/csv' });
  }

  /** The upload's view once it is completed or failed. */
  function untilFinal(uploadId: string) {
    return waitUntil(
      `upload ${uploadId} to complete or fail`,
      async () => (await as('integration').get(`/v1/uploads/${uploadId}`)).body,
      (u) => u.state === 'completed' || u.state === 'failed',
      60_000,
    );
  }

  /** Every delivery of the engagement, each as its full view. */
  async function deliveriesOf(engagementId: string) {
    const list = await as('integration').get(`/v1/deliveries?engagementId=${engagementId}&limit=500`);
    return Promise.all(
      (list.body.deliveries as Array<{ deliveryId: string }>).map(
        async (d) => (await as('integration').get(`/v1/deliveries/${d.deliveryId}`)).body,
      ),
    );
  }

  return { as, upload, untilFinal, deliveriesOf };
}

export async function engagementStoredCounts(db: Db, engagementId: string) {
  const n = async (q: { executeTakeFirstOrThrow(): Promise<{ n: unknown }> }) => Number((await q.executeTakeFirstOrThrow()).n);
  const child = (table: 'delivery_attributes' | 'delivery_contacts' | 'delivery_events') =>
    n(
      db
        .selectFrom(table)
        .innerJoin('deliveries as d', 'd.delivery_id', `${table}.delivery_id`)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('d.engagement_id', '=', engagementId),
    );
  return {
    deliveries: await n(
      db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('engagement_id', '=', engagementId),
    ),
    attributes: await child('delivery_attributes'),
    chains: await child('delivery_contacts'),
    events: await child('delivery_events'),
    contacts: await n(
      db
        .selectFrom('contacts')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('engagement_id', '=', engagementId),
    ),
    uploads: await n(
      db
        .selectFrom('uploads')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('engagement_id', '=', engagementId),
    ),
    rowErrors: await n(
      db
        .selectFrom('upload_row_errors')
        .innerJoin('uploads as u', 'u.upload_id', 'upload_row_errors.upload_id')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('u.engagement_id', '=', engagementId),
    ),
  };
}
