import type { Request } from 'express';
import { dispatchedEngagement } from '../../db/dispatchEngagements';
import type { Channel } from '../../domain/delivery/deliveryStatus';
import type { AppDeps } from '../appDeps';
import { requireRole } from '../auth';
import { createDelivery, type CreatedDelivery } from '../deliveryService';
import { ApiError } from '../errors';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotencyKey';
import { fieldErrors, type Issue } from '../schemas/seedContact';
import type { SeedDeliveryRequest } from '../schemas/seedProactiveDelivery';

/** The product's OData actions answer any of its proactive roles, as the first seed endpoint does. */
export function seedRoles(deps: AppDeps) {
  return requireRole(deps.db, 'integration', 'agent', 'supervisor');
}

export const SEED_API_ROOT = '/api/data/v9.2';

/** The @odata.context the product puts on an action's response. */
export function odataContext(deps: AppDeps, req: Request, action: string): string {
  const base = deps.publicUrl ?? `${req.protocol}://${req.get('host')}/`;
  return `${base}api/data/v9.2/$metadata#Microsoft.Dynamics.CRM.${action}Response`;
}

/** An ApiError with its field paths renamed (intake names the native fields; the client sent the product's). */
export function renamedFields(err: unknown, rename: (nativePath: string) => string): unknown {
  if (!(err instanceof ApiError) || !err.fields) return err;
  return new ApiError(
    err.status,
    err.code,
    err.message,
    err.fields.map((f) => ({ ...f, path: rename(f.path) })),
    err.retryAfterSeconds,
  );
}

/** Intake's one field of its own, the engagement, as the product's APIs name it. */
export function productFieldPath(nativePath: string): string {
  return nativePath.replace(/^engagementId(?=\.|$)/, 'ProactiveEngagementConfigId');
}

export interface SeedIntake {
  parsed: SeedDeliveryRequest;
  /** What the engagement's channel refuses in the request (the engagement is read once, before intake). */
  channelIssues?: (channel: Channel) => Issue[];
}

/**
 * A delivery requested through one of the product's create actions: the channel's own refusals, then
 * the one intake service, deduplicated on the Idempotency-Key header or else the RequestId.
 */
export async function createSeedDelivery(deps: AppDeps, req: Request, intake: SeedIntake): Promise<CreatedDelivery> {
  const { request, requestId } = intake.parsed;
  if (intake.channelIssues) {
    const engagement = await dispatchedEngagement(deps.db, request.engagementId);
    const issues = engagement ? intake.channelIssues(engagement.config.channel) : [];
    if (issues.length > 0) throw new ApiError(400, 'validation_failed', 'the request has invalid fields', fieldErrors(issues));
  }
  const header = req.header(IDEMPOTENCY_KEY_HEADER);
  try {
    return await createDelivery(deps, request, header ?? requestId);
  } catch (err) {
    if (header === undefined && err instanceof ApiError && err.code === 'idempotency_conflict')
      throw new ApiError(409, err.code, 'this RequestId was already used with a different request', [
        { path: 'RequestId', message: 'already used with a different request' },
      ]);
    throw renamedFields(err, productFieldPath);
  }
}
