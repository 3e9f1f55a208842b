import { z } from 'zod';
import { MAX_BULK_RECORDS, tooManyRecordsMessage } from '../../domain/delivery/bulkLimits';
import { chainDuplicates } from '../../domain/delivery/chainDuplicates';
import type { ChainContact } from '../../domain/delivery/deliveryPlan';
import { DELIVERY_FIELD_MAX as MAX } from '../../domain/delivery/deliveryLimits';
import type { Channel } from '../../domain/delivery/deliveryStatus';
import { phoneNumber, requiredText, text, timeZone } from './common';
import { CONTACT_TEXT_MAX, NO_PHONE_MESSAGE, PRODUCT_PHONE_FIELDS, channelIssues, nativeContact, type Issue } from './seedContact';
import { apiVersion } from './seedShared';

/**
 * The envelope of CCaaS_CreateProactiveBulkDelivery / CCaaS_CreateProactiveDeliveryBulkV2: PascalCase,
 * `ProactiveDeliveries` a JSON array or (as the product's sample sends it) a string holding one. The
 * records are read one by one afterwards (readBulkRecord), never as one schema over the whole array.
 */
export const seedBulkEnvelopeSchema = z.object({
  ApiVersion: apiVersion,
  ProactiveEngagementConfigId: requiredText(MAX.identifier),
  // Tracking only: stored as each delivery's tracking id (the product documents it as optional tracking).
  RequestId: text(MAX.identifier).optional(),
  // V1's "optional engagement details", sent as "" in the product's sample: taken and ignored.
  ProactiveEngagements: z.string().optional(),
  ProactiveDeliveries: z.unknown(),
});
export type SeedBulkEnvelope = z.output<typeof seedBulkEnvelopeSchema>;

/** One record of ProactiveDeliveries: camelCase, `zipCode` and `timeZone` as the bulk API spells them; unknown keys ignored. */
export const seedBulkRecordSchema = z
  .object({
    uniqueIdentifier: requiredText(MAX.identifier),
    firstName: requiredText(CONTACT_TEXT_MAX.name),
    lastName: requiredText(CONTACT_TEXT_MAX.name),
    mobilePhoneNumber: phoneNumber.optional(),
    businessPhoneNumber: phoneNumber.optional(),
    // Not in the bulk API's table; taken as the other create actions take it.
    homePhoneNumber: phoneNumber.optional(),
    state: requiredText(MAX.state).optional(),
    city: text(CONTACT_TEXT_MAX.city).optional(),
    zipCode: requiredText(MAX.postalCode).optional(),
    timeZone: timeZone.optional(),
  })
  .refine((c) => Object.values(PRODUCT_PHONE_FIELDS).some((f) => c[f] !== undefined), {
    message: NO_PHONE_MESSAGE,
    path: [PRODUCT_PHONE_FIELDS.mobile],
  });

export const BULK_RECORDS_FIELD = 'ProactiveDeliveries';

/**
 * ProactiveDeliveries as an array of raw records, or the issue that refuses the whole request. A string
 * is parsed once here; the caller drops its reference so the text can be collected.
 */
export function bulkRecordArray(value: unknown): { records: unknown[] } | { issue: Issue; tooMany?: true } {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value) as unknown;
    } catch {
      return { issue: { path: [BULK_RECORDS_FIELD], message: 'is a string but not valid JSON' } };
    }
  }
  if (parsed === undefined) return { issue: { path: [BULK_RECORDS_FIELD], message: 'is required' } };
  if (!Array.isArray(parsed))
    return { issue: { path: [BULK_RECORDS_FIELD], message: 'must be an array of records (or a string holding one)' } };
  if (parsed.length === 0) return { issue: { path: [BULK_RECORDS_FIELD], message: 'at least one record' } };
  if (parsed.length > MAX_BULK_RECORDS)
    return { issue: { path: [BULK_RECORDS_FIELD], message: `has ${parsed.length} records: ${tooManyRecordsMessage()}` }, tooMany: true };
  return { records: parsed };
}

/**
 * One record read into the one-contact chain it becomes, or its issues with paths naming the record
 * (`ProactiveDeliveries.<index>.<field>`): its fields, a number given twice, what the channel refuses.
 */
export function readBulkRecord(raw: unknown, index: number, channel: Channel): { contact: ChainContact } | { issues: Issue[] } {
  const at = (...rest: Array<string | number>) => [BULK_RECORDS_FIELD, index, ...rest];
  const parsed = seedBulkRecordSchema.safeParse(raw);
  if (!parsed.success) return { issues: parsed.error.issues.map((i) => ({ path: at(...i.path.map(String)), message: i.message })) };
  const r = parsed.data;
  const contact = nativeContact({
    uniqueIdentifier: r.uniqueIdentifier,
    timezone: r.timeZone,
    state: r.state,
    postalcode: r.zipCode,
    mobilePhoneNumber: r.mobilePhoneNumber,
    businessPhoneNumber: r.businessPhoneNumber,
    homePhoneNumber: r.homePhoneNumber,
  });
  const issues: Issue[] = [
    ...chainDuplicates([contact]).map((d) => ({
      path: at(PRODUCT_PHONE_FIELDS[contact.phones[d.phone ?? 0]!.type]),
      message: d.message.replace(/ of contact 1 of the chain$/, ' of this record'),
    })),
    ...channelIssues(channel, [contact], (_c, type) => at(PRODUCT_PHONE_FIELDS[type]), undefined),
  ];
  return issues.length > 0 ? { issues } : { contact };
}

/** One refused record in the response: its index in ProactiveDeliveries and each failing field. */
export const bulkRecordErrorSchema = z.object({
  Index: z.number().int(),
  Fields: z.array(z.object({ path: z.string(), message: z.string() })),
});

/** The answer to a bulk request (the product documents none): per index the DeliveryId, or null and the reasons. */
export const seedBulkResponseSchema = z.object({
  '@odata.context': z.string(),
  BatchId: z.string().uuid(),
  TotalRecords: z.number().int(),
  AcceptedRecords: z.number().int(),
  RejectedRecords: z.number().int(),
  SuppressedRecords: z.number().int(),
  DeliveryIds: z.array(z.string().uuid().nullable()),
  Errors: z.array(bulkRecordErrorSchema),
});
export type SeedBulkResponse = z.output<typeof seedBulkResponseSchema>;
