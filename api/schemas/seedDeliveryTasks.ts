import { z } from 'zod';
import { apiVersion } from './seedShared';

const UUID_MESSAGE = 'must be a delivery task id (a GUID)';

/** A DeliveryTaskId: our DeliveryId (one delivery = one task), a GUID. */
export const deliveryTaskId = z.string().uuid({ message: UUID_MESSAGE });

/**
 * The id of GET CCaaS_GetDeliveryTasks, from the OData key (`(DeliveryTaskId=<guid>)`, quoted or not,
 * or an alias `(DeliveryTaskId=@p)` with `?@p=<guid>`) or from the query (`?DeliveryTaskId=<guid>`).
 */
export function deliveryTaskIdFromRequest(key: string | undefined, query: Record<string, unknown>): unknown {
  if (key !== undefined) {
    const m = /^\s*DeliveryTaskId\s*=\s*(.*?)\s*$/i.exec(key);
    if (!m) return undefined;
    const value = m[1]!.replace(/^'(.*)'$/, '$1');
    return value.startsWith('@') ? query[value] : value;
  }
  const entry = Object.entries(query).find(([k]) => k.toLowerCase() === 'deliverytaskid');
  return entry?.[1];
}

/** POST CCaaS_CancelDeliveryTask. */
export const seedCancelDeliveryTaskSchema = z.object({
  ApiVersion: apiVersion,
  DeliveryTaskId: deliveryTaskId,
});

export const contactChainingStatusSchema = z.object({
  currentLoopNumber: z.number().int(),
  currentContactIndexAttempted: z.number().int().nullable(),
  currentContactIdAttempted: z.string().nullable(),
  currentPhoneIndexAttempted: z.number().int().nullable(),
  currentPhoneNumberTypeIdAttempted: z.string().nullable(),
  totalContactsInChain: z.number().int(),
  totalPhonesInCurrentContact: z.number().int(),
  totalPhonesInChain: z.number().int(),
  totalEligiblePhonesInChain: z.number().int(),
  totalEligiblePhonesInCurrentContact: z.number().int(),
  areLoopsExhausted: z.boolean(),
  isChainExhausted: z.boolean(),
  seqNo: z.number().int(),
  lastDeliveryResult: z.string().nullable(),
});

/** One task as GetDeliveryTasks answers it (the product's camelCase fields). */
export const deliveryTaskSchema = z.object({
  deliveryTaskId: z.string(),
  organizationId: z.string().nullable(),
  status: z.string(),
  retryCount: z.number().int(),
  maxRetryCount: z.number().int(),
  whenCreated: z.string(),
  nextScheduledTime: z.string().nullable(),
  lastAttemptedTime: z.string().nullable(),
  fallbackAttempted: z.boolean(),
  channelType: z.enum(['Voice', 'SMS']),
  proactiveEngagementConfigId: z.string(),
  expirationDate: z.string(),
  reattemptDelay: z.number().int(),
  reattemptSettings: z.array(z.number().int()),
  contactIds: z.array(z.string()),
  requestId: z.string().nullable(),
  customerReached: z.boolean(),
  callbackAttemptCount: z.number().int(),
  contactChainingStatus: contactChainingStatusSchema,
  deliveries: z.array(z.object({ id: z.string(), status: z.string(), result: z.string().nullable(), seqNo: z.number().int() })),
});
export type DeliveryTask = z.output<typeof deliveryTaskSchema>;

export const seedGetDeliveryTasksResponseSchema = z.object({
  '@odata.context': z.string(),
  value: z.array(deliveryTaskSchema),
});

export const seedCancelDeliveryTaskResponseSchema = z.object({
  '@odata.context': z.string(),
  DeliveryTaskId: z.string(),
  Cancellation: z.literal('requested'),
  Status: z.string(),
});
