/** The roles an API key may hold (spec §7); the API checks them and the console hides what a key cannot do. */
export const ROLES = ['admin', 'supervisor', 'agent', 'integration'] as const;
export type Role = (typeof ROLES)[number];
