import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { UPLOAD_STALE_AFTER_MS } from '../domain/csvIntake/uploadStates';

export interface UploadSchedulingInput {
  uploadId: string;
  /** Deliveries whose workflows one activity call starts. */
  batchSize?: number;
  /** How long to wait before looking again while the API is still storing. */
  pollIntervalMs?: number;
  staleAfterMs?: number;
}

/** Activity calls per run before continue-as-new: about 11 events each, so a run stays near 1,000 events. */
const CALLS_PER_RUN = 100;

const { scheduleUploadBatch } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Starts the delivery workflows of one CSV upload's deliveries, batch after batch, once the API has
 * stored them (it looks again every `pollIntervalMs` until then) and until none is left. Its state is only the upload id: progress lives in
 * Postgres (deliveries.workflow_started_at), so a retried batch or a new run resumes where it stopped.
 */
export async function uploadSchedulingWorkflow(input: UploadSchedulingInput): Promise<{ started: number }> {
  const batchSize = input.batchSize ?? 500;
  const pollIntervalMs = input.pollIntervalMs ?? 1000;
  let started = 0;
  for (let call = 0; call < CALLS_PER_RUN; call++) {
    const result = await scheduleUploadBatch({
      uploadId: input.uploadId,
      batchSize,
      staleAfterMs: input.staleAfterMs ?? UPLOAD_STALE_AFTER_MS,
    });
    started += result.started;
    if (result.done) return { started };
    if (result.handled === 0) await sleep(pollIntervalMs); // the API is still storing: look again soon
  }
  return continueAsNew<typeof uploadSchedulingWorkflow>(input);
}
