import { Router } from 'express';
import { WorkflowNotFoundError } from '@temporalio/client';
import { isFinalStatus, type DeliveryStatus } from '../../domain/delivery/deliveryStatus';
import { deliveryWorkflowId } from '../../temporal/workflowIds';
import { cancelDeliverySignal, dispositionsPostedSignal } from '../../workflows/deliveryMessages';
import type { AppDeps } from '../appDeps';
import { actsForAnyRepresentative, requireRole } from '../auth';
import { requireUuid } from '../deliveryIds';
import { ApiError } from '../errors';
import { cancelBody, dispositionBody } from '../schemas/deliveryActions';
import { parseRequest } from '../schemas/parseRequest';

/** Disposition codes as the seed's reporting column writes them: "PromiseToPay","SpokeToAgent". */
function formatCodes(codes: string[]): string {
  return codes.map((c) => `"${c}"`).join(',');
}

/** Operator and representative actions on one delivery; they reach the workflow as signals. */
export function deliveryActionsRouter(deps: AppDeps): Router {
  const router = Router();

  async function loadDelivery(deliveryId: string) {
    const row = await deps.db
      .selectFrom('deliveries')
      .select(['delivery_id', 'status'])
      .where('delivery_id', '=', requireUuid(deliveryId, 'delivery'))
      .executeTakeFirst();
    if (!row) throw new ApiError(404, 'not_found', `no delivery "${deliveryId}"`);
    return row;
  }

  router.post('/v1/deliveries/:deliveryId/cancel', requireRole(deps.db, 'supervisor'), async (req, res) => {
    const delivery = await loadDelivery((req.params as { deliveryId: string }).deliveryId);
    const { reason } = parseRequest(cancelBody, req.body ?? {});
    if (isFinalStatus(delivery.status as DeliveryStatus))
      throw new ApiError(409, 'already_final', `the delivery is already ${delivery.status}`);
    try {
      await deps.temporal.workflow.getHandle(deliveryWorkflowId(delivery.delivery_id)).signal(cancelDeliverySignal, { reason });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new ApiError(409, 'already_final', 'the delivery has already finished');
      throw err;
    }
    // Honoured while queued; a call in progress finishes first, so the answer is "requested".
    res.status(202).json({ deliveryId: delivery.delivery_id, cancellation: 'requested', status: delivery.status });
  });

  router.post('/v1/deliveries/:deliveryId/dispositions', requireRole(deps.db, 'agent'), async (req, res) => {
    const delivery = await loadDelivery((req.params as { deliveryId: string }).deliveryId);
    const { codes, callId } = parseRequest(dispositionBody, req.body);
    const call = await deps.db
      .selectFrom('calls')
      .select(['call_id', 'representative_id'])
      .where('delivery_id', '=', delivery.delivery_id)
      .$if(callId !== undefined, (q) => q.where('call_id', '=', callId!))
      .where('unique_id', 'is not', null)
      .orderBy('requested_at', 'desc')
      .executeTakeFirst();
    if (!call)
      throw new ApiError(
        callId ? 404 : 409,
        callId ? 'not_found' : 'no_call',
        callId ? `no call "${callId}" in this delivery` : 'the delivery has no call yet',
      );
    // A preview call is its representative's: another agent's key may not code it.
    if (!actsForAnyRepresentative(req.roles) && call.representative_id && call.representative_id !== req.representativeId)
      throw new ApiError(
        403,
        'forbidden',
        `this call was taken by representative ${call.representative_id}; only that representative's key may code it`,
      );
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('calls')
        .set({ disposition_codes: formatCodes(codes) })
        .where('call_id', '=', call.call_id)
        .execute();
      await trx
        .updateTable('deliveries')
        .set({ disposition_codes: formatCodes(codes), updated_at: new Date() })
        .where('delivery_id', '=', delivery.delivery_id)
        .execute();
      await trx
        .insertInto('delivery_attributes')
        .values(codes.map((code) => ({ delivery_id: delivery.delivery_id, keyword: 'DispositionCode', value: code, type: 'result' })))
        .execute();
    });
    let signalled = false;
    try {
      await deps.temporal.workflow
        .getHandle(deliveryWorkflowId(delivery.delivery_id))
        .signal(dispositionsPostedSignal, { callId: call.call_id, codes });
      signalled = true;
    } catch (err) {
      // A finished delivery still records the codes for reporting.
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
    res.json({
      deliveryId: delivery.delivery_id,
      callId: call.call_id,
      dispositionCodes: formatCodes(codes),
      deliveredToWorkflow: signalled,
    });
  });

  return router;
}
