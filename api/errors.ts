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
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static validation(error: z.ZodError, prefix = ''): ApiError {
    const fields = error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)', message: i.message }));
    return new ApiError(400, 'validation_failed', 'the request has invalid fields', fields);
  }
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof ApiError) {
    res.status(err.status).json({ error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } });
    return;
  }
  // body-parser errors carry a status and a type.
  const e = err as { status?: number; type?: string; message?: string };
  if (e.type === 'entity.parse.failed') {
    res.status(400).json({ error: { code: 'malformed_json', message: 'the request body is not valid JSON', fields: [{ path: '(body)', message: e.message ?? 'invalid JSON' }] } });
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
  req.log?.error({ err }, 'unhandled error');
  res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
};
