import { z } from 'zod';
import { DELIVERY_STATUSES, SMS_RESULTS, VOICE_RESULTS } from '../../domain/delivery/deliveryStatus';
import { DELIVERY_FIELD_MAX } from '../../domain/delivery/deliveryLimits';
import { parseIsoInstant } from '../../domain/isoInstant';
import { isoInstant, requiredText } from './common';

/** Where a page ends: the last row's (created_at, delivery_id), stable under inserts, opaque to callers. */
export interface ListCursor {
  createdAt: Date;
  deliveryId: string;
}

const CURSOR_MAX = 200;
const cursorParts = z.tuple([z.string(), z.guid()]);

export function encodeCursor(createdAt: Date, deliveryId: string): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), deliveryId])).toString('base64url');
}

/** A cursor this API returned, or undefined: what it decodes to reaches a query, so it is checked like any input. */
export function decodeCursor(cursor: string): ListCursor | undefined {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = cursorParts.safeParse(parts);
  const createdAt = parsed.success ? parseIsoInstant(parsed.data[0]) : undefined;
  return parsed.success && createdAt ? { createdAt, deliveryId: parsed.data[1] } : undefined;
}

const cursor = z
  .string()
  .max(CURSOR_MAX)
  .transform((raw, ctx) => {
    const decoded = decodeCursor(raw);
    if (!decoded) {
      ctx.addIssue({ code: 'custom', message: 'not a cursor this API returned' });
      return z.NEVER;
    }
    return decoded;
  });

/** GET /v1/deliveries: filters, page size and the cursor of the previous page. */
export const deliveryListQuery = z.strictObject({
  engagementId: requiredText(DELIVERY_FIELD_MAX.identifier).optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  trackingId: requiredText(DELIVERY_FIELD_MAX.identifier).optional(),
  contactId: requiredText(DELIVERY_FIELD_MAX.identifier).optional(),
  result: z.enum([...new Set([...VOICE_RESULTS, ...SMS_RESULTS])] as [string, ...string[]]).optional(),
  createdFrom: isoInstant.optional(),
  createdTo: isoInstant.optional(),
  resultFrom: isoInstant.optional(),
  resultTo: isoInstant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: cursor.optional(),
});
