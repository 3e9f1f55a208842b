/**
 * A role as GET /v1/me names it. (The API's ROLES list lives in api/auth.ts beside node:crypto and
 * Express types, which the browser build cannot take; the console e2e test checks the two lists agree.)
 */
export const CONSOLE_ROLES = ['admin', 'supervisor', 'agent', 'integration'] as const;
export type Role = (typeof CONSOLE_ROLES)[number];

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
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof NEEDS;

export function can(roles: readonly Role[], capability: Capability): boolean {
  return roles.includes('admin') || NEEDS[capability].some((r) => roles.includes(r));
}
