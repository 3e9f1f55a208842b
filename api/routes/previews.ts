import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { Router } from 'express';
import { deliveryWorkflowId } from '../../temporal/workflowIds';
import { acceptPreviewUpdate, startPreviewCallUpdate } from '../../workflows/deliveryMessages';
import type { AppDeps } from '../appDeps';
import { requireRole } from '../auth';
import { requireUuid } from '../deliveryIds';
import { runUpdate } from '../dispatcherControl';
import { ApiError } from '../errors';
import { previewActionBody, previewListQuery } from '../schemas/campaignControl';
import { parseRequest } from '../schemas/parseRequest';

/** Preview dialling for representatives: what is offered, accept an offer, start the call. */
export function previewsRouter(deps: AppDeps): Router {
  const router = Router();

  router.get('/v1/previews', requireRole(deps.db, 'agent'), async (req, res) => {
    const query = parseRequest(previewListQuery, req.query);
    const rows = await deps.db
      .selectFrom('dispatch_queue as q')
      .innerJoin('deliveries as d', 'd.delivery_id', 'q.delivery_id')
      .select(['q.delivery_id', 'q.engagement_id', 'q.granted_at', 'q.offer_accepted_by', 'd.contact_id', 'd.to_address', 'd.tracking_id'])
      .where('q.state', '=', 'offered')
      .$if(query.engagementId !== undefined, (q) => q.where('q.engagement_id', '=', query.engagementId!))
      .orderBy('q.granted_at')
      .limit(query.limit)
      .execute();
    const attributes = rows.length
      ? await deps.db
          .selectFrom('delivery_attributes')
          .select(['delivery_id', 'keyword', 'value'])
          .where(
            'delivery_id',
            'in',
            rows.map((r) => r.delivery_id),
          )
          .where('type', '=', 'input')
          .execute()
      : [];
    res.json({
      previews: rows.map((r) => ({
        deliveryId: r.delivery_id,
        engagementId: r.engagement_id,
        offeredAt: r.granted_at,
        acceptedBy: r.offer_accepted_by,
        contactId: r.contact_id,
        toAddress: r.to_address,
        trackingId: r.tracking_id,
        attributes: Object.fromEntries(attributes.filter((a) => a.delivery_id === r.delivery_id).map((a) => [a.keyword, a.value])),
      })),
    });
  });

  /** An update on a delivery's workflow: 404 for no such delivery, 409 when its workflow has ended. */
  async function previewUpdate<T>(deliveryId: string, run: (handle: WorkflowHandle) => Promise<T>): Promise<T> {
    const row = await deps.db.selectFrom('deliveries').select('delivery_id').where('delivery_id', '=', deliveryId).executeTakeFirst();
    if (!row) throw new ApiError(404, 'not_found', `no delivery "${deliveryId}"`);
    try {
      return await runUpdate(() => run(deps.temporal.workflow.getHandle(deliveryWorkflowId(deliveryId))));
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new ApiError(409, 'not_applied', 'the delivery has finished: nothing is offered');
      throw err;
    }
  }

  router.post('/v1/deliveries/:deliveryId/preview/accept', requireRole(deps.db, 'agent'), async (req, res) => {
    const deliveryId = requireUuid((req.params as { deliveryId: string }).deliveryId, 'delivery');
    const action = parseRequest(previewActionBody, req.body);
    const result = await previewUpdate(deliveryId, (h) => h.executeUpdate(acceptPreviewUpdate, { args: [action] }));
    res.json({ deliveryId, accepted: true, ...result });
  });

  router.post('/v1/deliveries/:deliveryId/preview/start', requireRole(deps.db, 'agent'), async (req, res) => {
    const deliveryId = requireUuid((req.params as { deliveryId: string }).deliveryId, 'delivery');
    const action = parseRequest(previewActionBody, req.body);
    const result = await previewUpdate(deliveryId, (h) => h.executeUpdate(startPreviewCallUpdate, { args: [action] }));
    res.json({ deliveryId, ...result });
  });

  return router;
}
