import type { Db } from '../db/connect';
import { createCallActivities } from './calls';
import { createTransitionActivities } from './deliveryTransitions';
import type { DialerClient } from './dialerClient';
import { createFrequencyLedgerActivities } from './frequencyLedger';
import { createMessageActivities } from './messages';
import { createSmsFollowUpActivities } from './smsFollowUp';
import type { SmsGatewayClient } from './smsGatewayClient';

export interface ActivityDeps {
  db: Db;
  dialer: DialerClient;
  sms: SmsGatewayClient;
  pollIntervalMs?: number;
}

/** All activities, built from their dependencies so tests hand in real local servers. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createTransitionActivities(deps.db),
    ...createCallActivities(deps),
    ...createMessageActivities(deps),
    ...createFrequencyLedgerActivities(deps.db),
    ...createSmsFollowUpActivities(deps.db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
