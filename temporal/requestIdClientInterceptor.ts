/**
 * The Temporal client interceptor that puts the current request id (temporal/requestIdContext.ts) on
 * every start, signal, signal-with-start and update the client sends. Cancel and terminate carry no
 * headers in Temporal; queries log nothing, so they are left alone.
 */
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { currentRequestId } from './requestIdContext';
import { withRequestIdHeader } from './requestIdHeader';

export const requestIdClientInterceptor: WorkflowClientInterceptor = {
  startWithDetails: (input, next) => next({ ...input, headers: withRequestIdHeader(input.headers, currentRequestId()) }),
  signal: (input, next) => next({ ...input, headers: withRequestIdHeader(input.headers, currentRequestId()) }),
  signalWithStart: (input, next) => next({ ...input, headers: withRequestIdHeader(input.headers, currentRequestId()) }),
  startUpdate: (input, next) => next({ ...input, headers: withRequestIdHeader(input.headers, currentRequestId()) }),
  startUpdateWithStart: (input, next) => {
    const requestId = currentRequestId();
    return next({
      ...input,
      workflowStartHeaders: withRequestIdHeader(input.workflowStartHeaders, requestId),
      updateHeaders: withRequestIdHeader(input.updateHeaders, requestId),
    });
  },
};

/** The engine's client interceptors (every Client the API, the worker's activities and npm start build). */
export const engineClientInterceptors = { workflow: [requestIdClientInterceptor] };
