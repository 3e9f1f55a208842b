import type { Db } from '../db/connect';
import { createCallActivities } from './calls';
import { createTransitionActivities } from './deliveryTransitions';
import type { DialerClient } from './dialerClient';

export interface ActivityDeps {
  db: Db;
  dialer: DialerClient;
  pollIntervalMs?: number;
}

/** All activities, built from their dependencies so tests hand in real local servers. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createTransitionActivities(deps.db),
    ...createCallActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
