import { Context } from '@temporalio/activity';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { type Db } from '../db/connect';
import { endOrphanedDelivery, existingDeliveryIds, openDeliveriesOlderThan, type ReconciledEnd } from '../db/deliveryReconciliation';
import { WORKFLOW_CANCELLED_DETAIL } from '../domain/delivery/outsideEnds';
import { deliveryIdFromWorkflowId } from '../temporal/workflowIds';

export interface ReconcileInput {
  /** Only deliveries (and workflows) older than this are judged: an intake commits its rows after the start. */
  graceMs: number;
  /** Open rows checked per pass (each costs a describe). */
  batchSize: number;
  /** Round-robin position over open deliveries. */
  afterDeliveryId?: string;
  /** Running delivery workflows started before this were already checked for a row. */
  orphansCheckedUntil?: string;
}

export interface ReconcileResult {
  ended: ReconciledEnd[];
  /** Running workflows terminated because no delivery row exists for them. */
  orphansTerminated: string[];
  afterDeliveryId?: string;
  orphansCheckedUntil?: string;
}

/**
 * The reconciler's pass (workflows/reconciler.ts): what Temporal and Postgres disagree on after
 * something outside the engine acted (terminate, a cancel that could not be recorded, a lost namespace)
 * or the API died between a workflow start and its commit.
 */
export function createReconciliationActivities(deps: { db: Db; temporal: Client }) {
  const { db, temporal } = deps;

  /** Why an open delivery's workflow will never end it; undefined while it runs. */
  async function closedWorkflowEnd(deliveryId: string, workflowId: string): Promise<ReconciledEnd | undefined> {
    const handle = temporal.workflow.getHandle(workflowId);
    let status: string;
    try {
      status = (await handle.describe()).status.name;
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      return { deliveryId, status: 'Error', detail: 'its workflow is not in Temporal (never started, or removed after the retention)' };
    }
    switch (status) {
      case 'RUNNING':
        return undefined;
      case 'CANCELLED':
        return { deliveryId, status: 'Cancelled', detail: WORKFLOW_CANCELLED_DETAIL };
      case 'TERMINATED':
        return { deliveryId, status: 'Cancelled', detail: `its workflow was terminated in Temporal${await terminateReason(workflowId)}` };
      case 'TIMED_OUT':
        return { deliveryId, status: 'Error', detail: 'its workflow timed out in Temporal' };
      case 'FAILED':
        return { deliveryId, status: 'Error', detail: 'its workflow failed in Temporal' };
      default:
        return { deliveryId, status: 'Error', detail: `its workflow closed as ${status} without recording the delivery's end` };
    }
  }

  async function terminateReason(workflowId: string): Promise<string> {
    const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
    const last = history.events?.[history.events.length - 1];
    const reason = last?.workflowExecutionTerminatedEventAttributes?.reason;
    return reason ? `: ${reason}` : '';
  }

  /** Running delivery workflows started in (checkedUntil, until] whose delivery has no row: their intake never committed. */
  async function terminateOrphans(from: string | undefined, until: Date): Promise<string[]> {
    const window = from ? ` AND StartTime > '${from}'` : '';
    const query = `WorkflowType = 'deliveryWorkflow' AND ExecutionStatus = 'Running' AND StartTime <= '${until.toISOString()}'${window}`;
    const byDelivery = new Map<string, string>();
    for await (const wf of temporal.workflow.list({ query })) {
      const deliveryId = deliveryIdFromWorkflowId(wf.workflowId);
      if (deliveryId) byDelivery.set(deliveryId, wf.workflowId);
    }
    const ids = [...byDelivery.keys()];
    const existing = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) for (const id of await existingDeliveryIds(db, ids.slice(i, i + 500))) existing.add(id);
    const terminated: string[] = [];
    for (const [deliveryId, workflowId] of byDelivery) {
      if (existing.has(deliveryId)) continue;
      await temporal.workflow
        .getHandle(workflowId)
        .terminate('no delivery row: the intake that started this workflow did not commit (reconciler)')
        .catch((err) => {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        });
      terminated.push(deliveryId);
    }
    return terminated;
  }

  return {
    async reconcileDeliveries(input: ReconcileInput): Promise<ReconcileResult> {
      const now = Date.now();
      const cutoff = new Date(now - input.graceMs);
      const rows = await openDeliveriesOlderThan(db, cutoff, input.afterDeliveryId, input.batchSize);
      const ended: ReconciledEnd[] = [];
      for (const row of rows) {
        Context.current().heartbeat();
        const end = await closedWorkflowEnd(row.delivery_id, row.workflow_id);
        if (end && (await endOrphanedDelivery(db, end))) ended.push(end);
      }
      let orphansCheckedUntil = input.orphansCheckedUntil;
      let orphansTerminated: string[] = [];
      try {
        orphansTerminated = await terminateOrphans(input.orphansCheckedUntil, cutoff);
        orphansCheckedUntil = cutoff.toISOString();
      } catch (err) {
        // Visibility queries are optional (the time-skipping test server has none): rows are still reconciled.
        Context.current().log.warn('orphan workflow scan skipped', { error: String(err) });
      }
      return {
        ended,
        orphansTerminated,
        afterDeliveryId: rows.length === input.batchSize ? rows[rows.length - 1]!.delivery_id : undefined,
        orphansCheckedUntil,
      };
    },
  };
}
