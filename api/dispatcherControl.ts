import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { dispatchedEngagement } from '../db/dispatchEngagements';
import { dispatchPool } from '../domain/dispatch';
import type { EngagementConfig } from '../domain/engagement';
import { ensureDispatcher } from '../workflowStarts/dispatcherStart';
import type { AppDeps } from './appDeps';
import { ApiError } from './errors';

/** The engagement's row, or 404; SMS engagements have no dispatcher (nothing to pace). */
export async function loadDispatchedEngagement(deps: AppDeps, engagementId: string) {
  const row = await dispatchedEngagement(deps.db, engagementId);
  if (!row) throw new ApiError(404, 'not_found', `no engagement "${engagementId}"`);
  const { config } = row;
  if (config.channel !== 'voice')
    throw new ApiError(
      409,
      'not_dispatched',
      'SMS engagements are not paced by a dispatcher; stop new messages with a cancellation policy',
    );
  return { engagementId: row.engagementId, config, state: row.state };
}

/** The dispatcher of the engagement's pool, started if it is not running (updates need a live workflow). */
export function dispatcherFor(deps: AppDeps, engagementId: string, config: EngagementConfig): Promise<WorkflowHandle> {
  return ensureDispatcher(
    deps.temporal,
    deps.taskQueue,
    dispatchPool({ engagementId, dialMode: config.dialMode, routing: config.routing }),
  );
}

/** Runs a workflow update; a validator's refusal becomes a 409 with its reason. */
export async function runUpdate<T>(update: () => Promise<T>): Promise<T> {
  try {
    return await update();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = (err as Error & { cause?: Error }).cause;
      throw new ApiError(409, 'not_applied', cause?.message ?? err.message);
    }
    throw err;
  }
}
