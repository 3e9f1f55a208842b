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

export async function storeApiKey(db: Db, name: string, roles: Role[], key = generateApiKey()): Promise<string> {
  await db
    .insertInto('api_keys')
    .values({ name, roles, key_hash: hashApiKey(key) })
    .onConflict((oc) => oc.column('key_hash').doUpdateSet({ roles, name, revoked_at: null }))
    .execute();
  return key;
}

declare module 'express-serve-static-core' {
  interface Request {
    roles?: Role[];
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
      .select('roles')
      .where('key_hash', '=', hashApiKey(match[1]))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw new ApiError(401, 'unauthenticated', 'the API key is not valid');
    const roles = row.roles as Role[];
    if (!roles.includes('admin') && !allowed.some((r) => roles.includes(r))) {
      throw new ApiError(403, 'forbidden', `this endpoint needs one of the roles: ${allowed.join(', ')}`);
    }
    req.roles = roles;
    next();
  };
}
