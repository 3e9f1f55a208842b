/**
 * The API request id as a Temporal header: set by the client interceptor when a request starts,
 * signals or updates a workflow, read and forwarded by the workflow and activity interceptors, so one
 * request can be followed through the API's, the workflow's and its activities' log lines.
 * Headers are not passed through the payload codec, so the id is readable whatever PAYLOAD_CODEC_KEYS say;
 * it is an opaque token the API accepted or generated, never customer data.
 * Pure: workflow code imports it.
 */
import { defaultPayloadConverter, type Headers } from '@temporalio/common';

export const REQUEST_ID_HEADER = 'requestId';

/** `headers` with the request id set (unchanged when there is none). */
export function withRequestIdHeader(headers: Headers, requestId: string | undefined): Headers {
  if (requestId === undefined) return headers;
  return { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) };
}

/** The request id a header map carries; undefined when absent or not a string (never throws: logging must not fail a task). */
export function requestIdFromHeaders(headers: Headers | undefined): string | undefined {
  const payload = headers?.[REQUEST_ID_HEADER];
  if (!payload) return undefined;
  try {
    const value: unknown = defaultPayloadConverter.fromPayload(payload);
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}
