import { Router } from 'express';
import { z } from 'zod';
import { DELIVERY_STATUSES, SMS_RESULTS, VOICE_RESULTS } from '../../domain/delivery/deliveryStatus';
import type { AppDeps } from '../appDeps';
import { requireRole } from '../auth';
import { ApiError } from '../errors';

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), { message: 'must be an ISO 8601 date or timestamp' });

export const deliveryListQuery = z.strictObject({
  engagementId: z.string().min(1).max(200).optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  result: z.enum([...new Set([...VOICE_RESULTS, ...SMS_RESULTS])] as [string, ...string[]]).optional(),
  createdFrom: isoDate.optional(),
  createdTo: isoDate.optional(),
  resultFrom: isoDate.optional(),
  resultTo: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

/** The cursor is the last row's (created_at, delivery_id): stable under inserts, opaque to callers. */
function encodeCursor(createdAt: Date, deliveryId: string): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), deliveryId])).toString('base64url');
}

function decodeCursor(cursor: string): [Date, string] {
  try {
    const [createdAt, deliveryId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime()) || typeof deliveryId !== 'string') throw new Error('bad cursor');
    return [date, deliveryId];
  } catch {
    throw new ApiError(400, 'validation_failed', 'the request has invalid fields', [
      { path: 'cursor', message: 'not a cursor this API returned' },
    ]);
  }
}

/** GET /v1/deliveries: newest first, filtered, cursor-paginated. */
export function deliveryListRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/v1/deliveries', requireRole(deps.db, 'integration', 'supervisor'), async (req, res) => {
    const parsed = deliveryListQuery.safeParse(req.query);
    if (!parsed.success) throw ApiError.validation(parsed.error);
    const q = parsed.data;
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    const rows = await deps.db
      .selectFrom('deliveries')
      .select([
        'delivery_id',
        'engagement_id',
        'channel',
        'status',
        'result',
        'contact_id',
        'to_address',
        'tracking_id',
        'created_at',
        'result_date',
        'parent_delivery_id',
        'follow_up_delivery_id',
      ])
      .$if(!!q.engagementId, (b) => b.where('engagement_id', '=', q.engagementId!))
      .$if(!!q.status, (b) => b.where('status', '=', q.status!))
      .$if(!!q.result, (b) => b.where('result', '=', q.result!))
      .$if(!!q.createdFrom, (b) => b.where('created_at', '>=', new Date(q.createdFrom!)))
      .$if(!!q.createdTo, (b) => b.where('created_at', '<', new Date(q.createdTo!)))
      .$if(!!q.resultFrom, (b) => b.where('result_date', '>=', new Date(q.resultFrom!)))
      .$if(!!q.resultTo, (b) => b.where('result_date', '<', new Date(q.resultTo!)))
      .$if(!!after, (b) =>
        b.where((eb) =>
          eb.or([eb('created_at', '<', after![0]), eb.and([eb('created_at', '=', after![0]), eb('delivery_id', '<', after![1])])]),
        ),
      )
      .orderBy('created_at', 'desc')
      .orderBy('delivery_id', 'desc')
      .limit(q.limit + 1)
      .execute();
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    res.json({
      deliveries: page.map((r) => ({
        deliveryId: r.delivery_id,
        engagementId: r.engagement_id,
        channel: r.channel,
        status: r.status,
        result: r.result,
        contactId: r.contact_id,
        toAddress: r.to_address,
        trackingId: r.tracking_id,
        createdAt: r.created_at,
        resultDate: r.result_date,
        parentDeliveryId: r.parent_delivery_id,
        followUpDeliveryId: r.follow_up_delivery_id,
      })),
      nextCursor: rows.length > q.limit && last ? encodeCursor(last.created_at, last.delivery_id) : null,
    });
  });
  return router;
}
