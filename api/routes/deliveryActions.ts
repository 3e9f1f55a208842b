import { Router } from 'express';
import { WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import { isFinalStatus, type DeliveryStatus } from '../../domain/delivery/deliveryStatus';
import { deliveryWorkflowId } from '../../temporal/workflowIds';
import { cancelDeliverySignal, dispositionsPostedSignal } from '../../workflows/deliveryMessages';
import type { AppDeps } from '../appDeps';
import { requireRole } from '../auth';
import { requireUuid } from '../deliveryIds';
import { ApiError } from '../errors';

const cancelBody = z.strictObject({ reason: z.string().min(1).max(500).default('cancelled by an operator') });
const dispositionBody = z.strictObject({
  /** The call the codes are for; the delivery's latest call when absent. */
  callId: z.string().min(1).max(200).optional(),
  codes: z
    .array(
      z
        .string()
        .min(1)
        .max(100)
        .regex(/^[^",]+$/, 'a code cannot contain quotes or commas'),
    )
    .min(1)
    .max(20),
});

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
    const parsed = cancelBody.safeParse(req.body ?? {});
    if (!parsed.success) throw ApiError.validation(parsed.error);
    if (isFinalStatus(delivery.status as DeliveryStatus))
      throw new ApiError(409, 'already_final', `the delivery is already ${delivery.status}`);
    try {
      await deps.temporal.workflow
        .getHandle(deliveryWorkflowId(delivery.delivery_id))
        .signal(cancelDeliverySignal, { reason: parsed.data.reason });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new ApiError(409, 'already_final', 'the delivery has already finished');
      throw err;
    }
    // Honoured while queued; a call in progress finishes first, so the answer is "requested".
    res.status(202).json({ deliveryId: delivery.delivery_id, cancellation: 'requested', status: delivery.status });
  });

  router.post('/v1/deliveries/:deliveryId/dispositions', requireRole(deps.db, 'agent'), async (req, res) => {
    const delivery = await loadDelivery((req.params as { deliveryId: string }).deliveryId);
    const parsed = dispositionBody.safeParse(req.body);
    if (!parsed.success) throw ApiError.validation(parsed.error);
    const { codes } = parsed.data;
    const call = await deps.db
      .selectFrom('calls')
      .select(['call_id'])
      .where('delivery_id', '=', delivery.delivery_id)
      .$if(parsed.data.callId !== undefined, (q) => q.where('call_id', '=', parsed.data.callId!))
      .where('unique_id', 'is not', null)
      .orderBy('requested_at', 'desc')
      .executeTakeFirst();
    if (!call)
      throw new ApiError(
        parsed.data.callId ? 404 : 409,
        parsed.data.callId ? 'not_found' : 'no_call',
        parsed.data.callId ? `no call "${parsed.data.callId}" in this delivery` : 'the delivery has no call yet',
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
