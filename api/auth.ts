import { createHash, randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Db } from '../db/connect';
import { ROLES, type Role } from '../domain/roles';
import { ApiError } from './errors';

export { ROLES, type Role };

/** Keys are stored as SHA-256 hashes: a database dump does not reveal a usable key. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateApiKey(): string {
  return `pe_${randomBytes(24).toString('base64url')}`;
}

export interface ApiKeyOptions {
  /** The representative the key acts as on the preview desk (an agent's own offers). */
  representativeId?: string;
}

export async function storeApiKey(
  db: Db,
  name: string,
  roles: Role[],
  key = generateApiKey(),
  { representativeId }: ApiKeyOptions = {},
): Promise<string> {
  const representative_id = representativeId ?? null;
  await db
    .insertInto('api_keys')
    .values({ name, roles, key_hash: hashApiKey(key), representative_id })
    .onConflict((oc) => oc.column('key_hash').doUpdateSet({ roles, name, revoked_at: null, representative_id }))
    .execute();
  return key;
}

declare module 'express-serve-static-core' {
  interface Request {
    roles?: Role[];
    /** The representative the calling key is bound to, if any. */
    representativeId?: string;
  }
}

/** 401 without a valid bearer key; 403 when the key lacks every one of `allowed` (admin passes everywhere). */
export function requireRole(db: Db, ...allowed: Role[]): RequestHandler {
  return async (req, _res, next) => {
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new ApiError(401, 'unauthenticated', 'a bearer API key is required');
    const row = await db
      .selectFrom('api_keys')
      .select(['roles', 'representative_id'])
      .where('key_hash', '=', hashApiKey(match[1]))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw new ApiError(401, 'unauthenticated', 'the API key is not valid');
    const roles = row.roles as Role[];
    if (!roles.includes('admin') && !allowed.some((r) => roles.includes(r))) {
      throw new ApiError(403, 'forbidden', `this endpoint needs one of the roles: ${allowed.join(', ')}`);
    }
    req.roles = roles;
    req.representativeId = row.representative_id ?? undefined;
    next();
  };
}

/** Supervisors and admins may act for any representative; an agent only as the one its key is bound to. */
export function actsForAnyRepresentative(roles: readonly Role[] | undefined): boolean {
  return !!roles && (roles.includes('admin') || roles.includes('supervisor'));
}

/**
 * The representative a preview action is taken as: an agent key's own (403 when it names another, or
 * when the key is bound to none); for a supervisor or admin, the one named, else the key's own (400 if neither).
 */
export function actingRepresentative(req: { roles?: Role[]; representativeId?: string }, named: string | undefined): string {
  if (actsForAnyRepresentative(req.roles)) {
    const id = named ?? req.representativeId;
    if (!id) {
      const message = 'representativeId is required: this key is bound to no representative';
      throw new ApiError(400, 'validation_failed', message, [{ path: 'representativeId', message }]);
    }
    return id;
  }
  if (!req.representativeId)
    throw new ApiError(403, 'forbidden', 'this agent key is bound to no representative: an admin issues one bound to yours');
  if (named !== undefined && named !== req.representativeId)
    throw new ApiError(403, 'forbidden', `this key acts as representative ${req.representativeId} only, not ${named}`);
  return req.representativeId;
}
