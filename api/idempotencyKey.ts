import type { RequestHandler } from 'express';
import { ApiError } from './errors';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** Visible ASCII only: what a generated key (UUID, random token) is made of, and what any index can hold. */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/** Why a given Idempotency-Key value is refused, or undefined when it is acceptable. */
export function idempotencyKeyProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > MAX_IDEMPOTENCY_KEY_LENGTH) return `must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`;
  if (!VISIBLE_ASCII.test(value)) return 'must contain only visible ASCII characters (no spaces or control characters)';
  return undefined;
}

/**
 * Refuses a malformed Idempotency-Key on any request that carries one, before a route reads it: an
 * empty key would be stored as '' once and make every later empty key fail, and a key of thousands of
 * characters is larger than the index can hold.
 */
export const idempotencyKeyGuard: RequestHandler = (req, _res, next) => {
  const value = req.headers['idempotency-key'];
  if (value === undefined) return next();
  const problem = idempotencyKeyProblem(Array.isArray(value) ? value.join(', ') : value);
  if (problem) {
    throw new ApiError(400, 'validation_failed', `the ${IDEMPOTENCY_KEY_HEADER} header is invalid`, [
      { path: IDEMPOTENCY_KEY_HEADER, message: problem },
    ]);
  }
  next();
};
