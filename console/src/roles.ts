import type { Role } from '../../domain/roles';

/** A role as GET /v1/me names it: the API's own list (domain/roles.ts). */
export type { Role };

/**
 * What each screen needs, as the API's routes check it (admin passes everywhere). The console only
 * hides what a key cannot do; the API still refuses it.
 */
export const NEEDS = {
  board: ['supervisor'],
  control: ['supervisor'],
  searchDeliveries: ['integration', 'supervisor'],
  readDelivery: ['integration', 'supervisor', 'agent'],
  cancelDelivery: ['supervisor'],
  createEngagement: ['admin'],
  listEngagements: ['admin', 'supervisor', 'integration'],
  history: ['supervisor'],
  upload: ['integration'],
  createDelivery: ['integration'],
  previewDesk: ['agent', 'supervisor'],
  listPolicies: ['supervisor'],
  managePolicies: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof NEEDS;

export function can(roles: readonly Role[], capability: Capability): boolean {
  return roles.includes('admin') || NEEDS[capability].some((r) => roles.includes(r));
}
