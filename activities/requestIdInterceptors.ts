/**
 * The activity interceptor that carries the API request id (header set by the workflow interceptors):
 * the activity's log lines (`Context.current().log` and the SDK's own lines for it) get `requestId`, and
 * the activity runs as work for that request, so a workflow it starts or signals (an upload's
 * deliveries, a dispatcher's grants) carries the id on through the engine's client interceptor.
 */
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { runWithRequestId } from '../temporal/requestIdContext';
import { requestIdFromHeaders } from '../temporal/requestIdHeader';

export const requestIdActivityInterceptors: ActivityInterceptorsFactory = () => {
  let requestId: string | undefined;
  return {
    inbound: {
      execute(input, next) {
        requestId = requestIdFromHeaders(input.headers);
        return runWithRequestId(requestId, () => next(input));
      },
    },
    outbound: {
      getLogAttributes: (input, next) => next(requestId === undefined ? input : { ...input, requestId }),
    },
  };
};
