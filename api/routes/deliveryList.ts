import { Router } from 'express';
import type { AppDeps } from '../appDeps';
import { requireRole } from '../auth';
import { deliveryListQuery, encodeCursor } from '../schemas/deliveryList';
import { parseRequest } from '../schemas/parseRequest';

/** GET /v1/deliveries: newest first, filtered, cursor-paginated. */
export function deliveryListRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/v1/deliveries', requireRole(deps.db, 'integration', 'supervisor'), async (req, res) => {
    const q = parseRequest(deliveryListQuery, req.query);
    const after = q.cursor;
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
      .$if(!!q.trackingId, (b) => b.where('tracking_id', '=', q.trackingId!))
      .$if(!!q.contactId, (b) => b.where('contact_id', '=', q.contactId!))
      .$if(!!q.result, (b) => b.where('result', '=', q.result!))
      .$if(!!q.createdFrom, (b) => b.where('created_at', '>=', q.createdFrom!))
      .$if(!!q.createdTo, (b) => b.where('created_at', '<', q.createdTo!))
      .$if(!!q.resultFrom, (b) => b.where('result_date', '>=', q.resultFrom!))
      .$if(!!q.resultTo, (b) => b.where('result_date', '<', q.resultTo!))
      .$if(!!after, (b) =>
        b.where((eb) =>
          eb.or([
            eb('created_at', '<', after!.createdAt),
            eb.and([eb('created_at', '=', after!.createdAt), eb('delivery_id', '<', after!.deliveryId)]),
          ]),
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
