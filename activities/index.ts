import type { Client } from '@temporalio/client';
import type { Db } from '../db/connect';
import type { DispatcherOptions } from '../workflows/dispatcher';
import type { AvailabilityClient } from './availabilityClient';
import { createCallActivities } from './calls';
import { createTransitionActivities } from './deliveryTransitions';
import type { DialerClient } from './dialerClient';
import { createDispatchActivities } from './dispatch';
import { createFrequencyLedgerActivities } from './frequencyLedger';
import { createMessageActivities } from './messages';
import { createSmsFollowUpActivities } from './smsFollowUp';
import type { SmsGatewayClient } from './smsGatewayClient';

export interface ActivityDeps {
  db: Db;
  dialer: DialerClient;
  sms: SmsGatewayClient;
  pollIntervalMs?: number;
  /** Signals and starts workflows (dispatch wakes its dispatcher and grants slots). */
  temporal: Client;
  /** The task queue dispatchers run on (the worker's own). */
  taskQueue: string;
  availability: AvailabilityClient;
  dispatcherOptions?: Partial<DispatcherOptions>;
}

/** All activities, built from their dependencies so tests hand in real local servers. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createTransitionActivities(deps.db),
    ...createCallActivities(deps),
    ...createMessageActivities(deps),
    ...createFrequencyLedgerActivities(deps.db),
    ...createSmsFollowUpActivities(deps.db),
    ...createDispatchActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
