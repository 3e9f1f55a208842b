import type { z } from 'zod';
import { ApiError } from '../errors';

/**
 * A request part (path parameters, query, body) read through its schema, or a 400 naming each
 * failing field. Routes read every part this way, so nothing unchecked reaches a query.
 */
export function parseRequest<T extends z.ZodType>(schema: T, value: unknown, prefix = ''): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw ApiError.validation(parsed.error, prefix);
  return parsed.data;
}
