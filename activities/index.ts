import type { Client } from '@temporalio/client';
import type { Db } from '../db/connect';
import { createCallActivities } from './calls';
import { createTransitionActivities } from './deliveryTransitions';
import type { DialerClient } from './dialerClient';
import { createFrequencyLedgerActivities } from './frequencyLedger';
import { createMessageActivities } from './messages';
import { createSmsFollowUpActivities } from './smsFollowUp';
import type { SmsGatewayClient } from './smsGatewayClient';
import { createUploadSchedulingActivities } from './uploadScheduling';

export interface ActivityDeps {
  db: Db;
  dialer: DialerClient;
  sms: SmsGatewayClient;
  pollIntervalMs?: number;
  /** Starts delivery workflows for CSV uploads (scheduleUploadBatch); the worker's own client and task queue. */
  temporal?: Client;
  taskQueue?: string;
}

/** All activities, built from their dependencies so tests hand in real local servers. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createTransitionActivities(deps.db),
    ...createCallActivities(deps),
    ...createMessageActivities(deps),
    ...createFrequencyLedgerActivities(deps.db),
    ...createSmsFollowUpActivities(deps.db),
    ...createUploadSchedulingActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
