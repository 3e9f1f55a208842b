/**
 * Workflow interceptors (registered in the bundle: runtime/workflowBundleCache.ts) that carry the API
 * request id. A run's id comes with its start (or its continue-as-new) header; a later signal or update
 * sent by a request (a cancel, a disposition, a preview action) makes that request the run's id from
 * then on, so what the run does about it (the cancellation's bookkeeping, its end) is found under the
 * request that asked. Every `log` line gets `requestId`, and every activity, local activity, child
 * workflow, signal and continue-as-new the workflow sends forwards it, so the activities' lines and
 * what they start carry it too.
 * A workflow that serves every request of a pool or of the engine (the dispatcher, the reconciler)
 * takes no run id (whichever request happened to start or last touch it would tag all its lines): only
 * a handler runs under its request's id (a pause's activity under the pause's id).
 * Deterministic: the id only ever comes from history (headers) and the workflow type.
 */
import { AsyncLocalStorage, type Headers, workflowInfo, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { requestIdFromHeaders, withRequestIdHeader } from '../temporal/requestIdHeader';

/** Long-lived workflows shared by many requests: their handlers carry their own request's id, their runs none. */
export const SHARED_WORKFLOW_TYPES: readonly string[] = ['dispatcherWorkflow', 'reconcilerWorkflow'];

export const interceptors: WorkflowInterceptorsFactory = () => {
  let runRequestId: string | undefined;
  const shared = () => SHARED_WORKFLOW_TYPES.includes(workflowInfo().workflowType);
  /** The start's id unless a message already set one (signal-with-start: the signal is handled first). */
  const adoptStartId = (headers: Headers) => {
    if (runRequestId === undefined && !shared()) runRequestId = requestIdFromHeaders(headers);
  };
  const handlerRequestId = new AsyncLocalStorage<string>();
  const current = () => handlerRequestId.getStore() ?? runRequestId;
  const forward = <T extends { headers: Headers }>(input: T): T => ({ ...input, headers: withRequestIdHeader(input.headers, current()) });
  const inHandler = <T>(headers: Headers, fn: () => T): T => {
    const id = requestIdFromHeaders(headers);
    if (id === undefined) return fn();
    if (!shared()) runRequestId = id;
    return handlerRequestId.run(id, fn);
  };
  return {
    // The start header, before the first job runs: the SDK's own "Workflow started" line carries the id too.
    internals: [
      {
        activate(input, next) {
          for (const job of input.activation.jobs ?? []) {
            const headers = job.initializeWorkflow?.headers as Headers | null | undefined;
            if (headers) adoptStartId(headers);
          }
          return next(input);
        },
      },
    ],
    inbound: [
      {
        execute(input, next) {
          adoptStartId(input.headers);
          return next(input);
        },
        handleSignal: (input, next) => inHandler(input.headers, () => next(input)),
        handleUpdate: (input, next) => inHandler(input.headers, () => next(input)),
      },
    ],
    outbound: [
      {
        getLogAttributes(input, next) {
          const requestId = current();
          return next(requestId === undefined ? input : { ...input, requestId });
        },
        scheduleActivity: (input, next) => next(forward(input)),
        scheduleLocalActivity: (input, next) => next(forward(input)),
        startChildWorkflowExecution: (input, next) => next(forward(input)),
        signalWorkflow: (input, next) => next(forward(input)),
        continueAsNew: (input, next) => next(forward(input)),
      },
    ],
  };
};
