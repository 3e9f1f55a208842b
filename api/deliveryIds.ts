import { ApiError } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that cannot be a UUID is a 404 before any query (the columns are uuid-typed). */
export function requireUuid(id: string, what: string): string {
  if (!UUID.test(id)) throw new ApiError(404, 'not_found', `no ${what} "${id}"`);
  return id;
}
