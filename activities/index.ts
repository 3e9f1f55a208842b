import type { Client } from '@temporalio/client';
import type { Db } from '../db/connect';
import type { DispatcherOptions } from '../domain/dispatch';
import type { AvailabilityClient } from './availabilityClient';
import { createCallActivities } from './calls';
import { createTransitionActivities } from './deliveryTransitions';
import type { DialerClient } from './dialerClient';
import { createDispatchActivities } from './dispatch';
import { createFrequencyLedgerActivities } from './frequencyLedger';
import { createMessageActivities } from './messages';
import { createReconciliationActivities } from './reconciliation';
import { createSmsFollowUpActivities } from './smsFollowUp';
import type { SmsGatewayClient } from './smsGatewayClient';
import { createUploadSchedulingActivities } from './uploadScheduling';

export interface ActivityDeps {
  db: Db;
  dialer: DialerClient;
  sms: SmsGatewayClient;
  pollIntervalMs?: number;
  /** While results are pushed (ResultDestination): how often the dialer is still polled (activities/calls.ts). */
  pushFallbackPollMs?: number;
  /** Signals and starts workflows: dispatch wakes its dispatcher and grants slots; CSV uploads start delivery workflows. */
  temporal: Client;
  /** The deliveries' task queue (dispatchers and upload scheduling derive their own queues from it). */
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
    ...createSmsFollowUpActivities(deps),
    ...createDispatchActivities(deps),
    ...createUploadSchedulingActivities(deps),
    ...createReconciliationActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
