import { sql, type Transaction } from 'kysely';
import type { Database } from './schema';
import { insertUnnested } from './unnestInsert';

/** A contact as one CSV row describes it; absent values leave what is stored. */
export interface ContactUpsert {
  uniqueIdentifier: string;
  firstName?: string;
  lastName?: string;
  country?: string;
  state?: string;
  postalCode?: string;
  timeZone?: string;
  mobilePhone?: string;
  businessPhone?: string;
  homePhone?: string;
  attributes: Record<string, string>;
}

const FIELDS = [
  'firstName',
  'lastName',
  'country',
  'state',
  'postalCode',
  'timeZone',
  'mobilePhone',
  'businessPhone',
  'homePhone',
] as const;
const COLUMNS = [
  'first_name',
  'last_name',
  'country',
  'state',
  'postal_code',
  'time_zone',
  'mobile_phone',
  'business_phone',
  'home_phone',
] as const;

/**
 * Inserts or updates contacts by (engagement, unique identifier), inside the caller's transaction.
 * A value given replaces the stored one, an empty one keeps it; pass-through attributes are merged.
 * Rows naming the same contact are merged first, later rows winning, as if applied in file order.
 */
export async function upsertContacts(
  trx: Transaction<Database>,
  engagementId: string,
  identifierAttribute: string,
  uploadId: string,
  contacts: ContactUpsert[],
  now: Date,
): Promise<void> {
  const merged = new Map<string, ContactUpsert>();
  for (const c of contacts) {
    const before = merged.get(c.uniqueIdentifier);
    if (!before) {
      merged.set(c.uniqueIdentifier, { ...c, attributes: { ...c.attributes } });
      continue;
    }
    for (const f of FIELDS) if (c[f] !== undefined) before[f] = c[f];
    Object.assign(before.attributes, c.attributes);
  }
  const rows = [...merged.values()].map((c) => ({
    engagement_id: engagementId,
    unique_identifier: c.uniqueIdentifier,
    identifier_attribute: identifierAttribute,
    ...Object.fromEntries(FIELDS.map((f, i) => [COLUMNS[i], c[f] ?? null])),
    attributes: JSON.stringify(c.attributes),
    last_upload_id: uploadId,
    created_at: now,
    updated_at: now,
  }));
  // One statement per batch however many rows (unnest: one parameter per column).
  await insertUnnested(
    trx,
    'contacts',
    rows,
    sql`on conflict (engagement_id, unique_identifier) do update set ${sql.join([
      ...COLUMNS.map((col) => sql`${sql.ref(col)} = coalesce(${sql.ref(`excluded.${col}`)}, ${sql.ref(`contacts.${col}`)})`),
      sql`attributes = contacts.attributes || excluded.attributes`,
      sql`identifier_attribute = excluded.identifier_attribute`,
      sql`last_upload_id = excluded.last_upload_id`,
      sql`updated_at = excluded.updated_at`,
    ])}`,
  );
}
