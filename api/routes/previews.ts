import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { Router, type Request } from 'express';
import { deliveryWorkflowId } from '../../temporal/workflowIds';
import { acceptPreviewUpdate, declinePreviewUpdate, startPreviewCallUpdate } from '../../workflows/deliveryMessages';
import type { AppDeps } from '../appDeps';
import { actingRepresentative, actsForAnyRepresentative, requireRole } from '../auth';
import { requireUuid } from '../deliveryIds';
import { runUpdate } from '../dispatcherControl';
import { ApiError } from '../errors';
import { previewActionBody, previewDeclineBody, previewListQuery } from '../schemas/campaignControl';
import { parseRequest } from '../schemas/parseRequest';

/**
 * Preview dialling for representatives: what is offered, accept an offer, start the call, decline it.
 * An agent key acts as the representative it is bound to and sees open offers and its own accepted
 * ones; a supervisor or admin may act for any representative by naming it.
 */
export function previewsRouter(deps: AppDeps): Router {
  const router = Router();

  router.get('/v1/previews', requireRole(deps.db, 'agent', 'supervisor'), async (req, res) => {
    const query = parseRequest(previewListQuery, req.query);
    // An agent sees what it may take: offers nobody accepted and the ones it accepted itself.
    const own = actsForAnyRepresentative(req.roles) ? undefined : actingRepresentative(req, undefined);
    const rows = await deps.db
      .selectFrom('dispatch_queue as q')
      .innerJoin('deliveries as d', 'd.delivery_id', 'q.delivery_id')
      .select(['q.delivery_id', 'q.engagement_id', 'q.granted_at', 'q.offer_accepted_by', 'd.contact_id', 'd.to_address', 'd.tracking_id'])
      .where('q.state', '=', 'offered')
      .$if(query.engagementId !== undefined, (q) => q.where('q.engagement_id', '=', query.engagementId!))
      .$if(own !== undefined, (q) => q.where((eb) => eb.or([eb('q.offer_accepted_by', 'is', null), eb('q.offer_accepted_by', '=', own!)])))
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

  /**
   * An update on a delivery's workflow as `representativeId`: 404 for no such delivery, 403 when an agent
   * acts on an offer another representative accepted, 409 when its workflow has ended or refuses.
   */
  async function previewUpdate<T>(
    req: Request,
    deliveryId: string,
    representativeId: string,
    run: (handle: WorkflowHandle) => Promise<T>,
  ): Promise<T> {
    const row = await deps.db
      .selectFrom('deliveries as d')
      .leftJoin('dispatch_queue as q', 'q.delivery_id', 'd.delivery_id')
      .select(['d.delivery_id', 'q.offer_accepted_by'])
      .where('d.delivery_id', '=', deliveryId)
      .executeTakeFirst();
    if (!row) throw new ApiError(404, 'not_found', `no delivery "${deliveryId}"`);
    if (!actsForAnyRepresentative(req.roles) && row.offer_accepted_by && row.offer_accepted_by !== representativeId)
      throw new ApiError(403, 'forbidden', `the offer was accepted by representative ${row.offer_accepted_by}, not ${representativeId}`);
    try {
      return await runUpdate(() => run(deps.temporal.workflow.getHandle(deliveryWorkflowId(deliveryId))));
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new ApiError(409, 'not_applied', 'the delivery has finished: nothing is offered');
      throw err;
    }
  }

  router.post('/v1/deliveries/:deliveryId/preview/accept', requireRole(deps.db, 'agent', 'supervisor'), async (req, res) => {
    const deliveryId = requireUuid((req.params as { deliveryId: string }).deliveryId, 'delivery');
    const representativeId = actingRepresentative(req, parseRequest(previewActionBody, req.body ?? {}).representativeId);
    const result = await previewUpdate(req, deliveryId, representativeId, (h) =>
      h.executeUpdate(acceptPreviewUpdate, { args: [{ representativeId }] }),
    );
    res.json({ deliveryId, accepted: true, representativeId, ...result });
  });

  router.post('/v1/deliveries/:deliveryId/preview/start', requireRole(deps.db, 'agent', 'supervisor'), async (req, res) => {
    const deliveryId = requireUuid((req.params as { deliveryId: string }).deliveryId, 'delivery');
    const representativeId = actingRepresentative(req, parseRequest(previewActionBody, req.body ?? {}).representativeId);
    const result = await previewUpdate(req, deliveryId, representativeId, (h) =>
      h.executeUpdate(startPreviewCallUpdate, { args: [{ representativeId }] }),
    );
    res.json({ deliveryId, representativeId, ...result });
  });

  /** Declines the open offer, or cancels the accepted one before dialling (CSRCancelled, offered again later). */
  router.post('/v1/deliveries/:deliveryId/preview/decline', requireRole(deps.db, 'agent', 'supervisor'), async (req, res) => {
    const deliveryId = requireUuid((req.params as { deliveryId: string }).deliveryId, 'delivery');
    const body = parseRequest(previewDeclineBody, req.body ?? {});
    const representativeId = actingRepresentative(req, body.representativeId);
    const request = { representativeId, ...(body.reason ? { reason: body.reason } : {}) };
    const result = await previewUpdate(req, deliveryId, representativeId, (h) =>
      h.executeUpdate(declinePreviewUpdate, { args: [request] }),
    );
    res.json({ deliveryId, representativeId, ...result });
  });

  return router;
}
