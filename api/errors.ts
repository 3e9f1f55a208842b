import { isGrpcServiceError, ServiceError } from '@temporalio/client';
import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';

export interface FieldError {
  path: string;
  message: string;
}

/** Every error the API returns has this shape: { error: { code, message, fields? } }. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
    /** Sent as Retry-After: the failure is a dependency being down, not the request. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static validation(error: z.ZodError, prefix = ''): ApiError {
    const fields = error.issues.map((i) => ({
      path: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)',
      message: i.message,
    }));
    return new ApiError(400, 'validation_failed', 'the request has invalid fields', fields);
  }
}

/** How long a client is asked to wait while Postgres or Temporal is down (a restart takes seconds). */
export const RETRY_AFTER_SECONDS = 5;

export function databaseUnavailable(action = 'the request could not be served'): ApiError {
  return new ApiError(503, 'database_unavailable', `${action}: the database is unavailable, retry later`, undefined, RETRY_AFTER_SECONDS);
}

export function temporalUnavailable(action = 'the request could not be served'): ApiError {
  return new ApiError(503, 'temporal_unavailable', `${action}: Temporal is unavailable, retry later`, undefined, RETRY_AFTER_SECONDS);
}

/** Node socket errors and pg's own messages when the server cannot be reached or went away. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const PG_CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'is not queryable',
  'Client was closed',
  'Cannot use a pool after calling end',
];
/** gRPC statuses that mean "Temporal cannot answer now", not "the request is wrong". */
const GRPC_UNAVAILABLE = new Set([1 /* CANCELLED */, 4 /* DEADLINE_EXCEEDED */, 8 /* RESOURCE_EXHAUSTED */, 14 /* UNAVAILABLE */]);

/** SQLSTATE classes: 08 connection, 53 resources, 57 operator intervention (shutdown, restart). */
function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = err; e && chain.length < 5; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

export type FailureKind = 'database_unavailable' | 'temporal_unavailable' | 'invalid_value' | 'unknown';

/** Tells apart a database that is down, a Temporal that is down, and a value Postgres refused to store. */
export function classifyFailure(err: unknown): FailureKind {
  for (const e of causes(err)) {
    if (e instanceof ServiceError || isGrpcServiceError(e)) {
      const grpc = isGrpcServiceError(e) ? e : causes(e).find(isGrpcServiceError);
      if (!grpc || GRPC_UNAVAILABLE.has(grpc.code)) return 'temporal_unavailable';
      continue;
    }
    const state = sqlState(e);
    if (state) {
      if (/^(08|53|57)/.test(state)) return 'database_unavailable';
      // 22: data exception (NUL byte, out-of-range date...); 54: program limit (an index row too large).
      if (/^(22|54)/.test(state)) return 'invalid_value';
      return 'unknown';
    }
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return 'database_unavailable';
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && PG_CONNECTION_MESSAGES.some((m) => message.includes(m))) return 'database_unavailable';
  }
  return 'unknown';
}

/**
 * The one place an unexpected error becomes a response. Never returns the error's own text: it names
 * internals (an index, a host, Postgres limits). A dependency that is down is a 503 with Retry-After.
 */
export function toApiError(err: unknown, action?: string): ApiError {
  if (err instanceof ApiError) return err;
  switch (classifyFailure(err)) {
    case 'database_unavailable':
      return databaseUnavailable(action);
    case 'temporal_unavailable':
      return temporalUnavailable(action);
    case 'invalid_value':
      return new ApiError(
        400,
        'invalid_value',
        'a value in the request cannot be stored (a NUL character, a date out of range, a value too long)',
      );
    default:
      return new ApiError(500, 'internal', 'internal error');
  }
}

/**
 * A failure while scheduling work (rows written together with a workflow start): nothing was stored.
 * What is not recognisably the database or bad input came from starting the workflow.
 */
export function schedulingFailed(err: unknown, action: string): ApiError {
  const mapped = toApiError(err, action);
  return mapped.status === 500 ? temporalUnavailable(action) : mapped;
}

function send(res: Parameters<ErrorRequestHandler>[2], err: ApiError): void {
  if (err.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(err.retryAfterSeconds));
  // RFC 6750: a 401 names the scheme the client should authenticate with.
  if (err.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  res.status(err.status).json({ error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } });
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof ApiError) {
    send(res, err);
    return;
  }
  // body-parser errors carry a status and a type.
  const e = err as { status?: number; type?: string; message?: string };
  if (e.type === 'entity.parse.failed') {
    res.status(400).json({
      error: {
        code: 'malformed_json',
        message: 'the request body is not valid JSON',
        fields: [{ path: '(body)', message: e.message ?? 'invalid JSON' }],
      },
    });
    return;
  }
  if (e.type === 'entity.too.large') {
    res.status(413).json({ error: { code: 'body_too_large', message: 'the request body is too large' } });
    return;
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    res.status(e.status).json({ error: { code: e.type ?? 'bad_request', message: e.message ?? 'bad request' } });
    return;
  }
  const mapped = toApiError(err);
  if (mapped.status >= 500) req.log?.error({ err }, mapped.code === 'internal' ? 'unhandled error' : mapped.code);
  else req.log?.warn({ err }, mapped.code);
  send(res, mapped);
};
