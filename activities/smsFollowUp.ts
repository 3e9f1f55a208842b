import type { Client } from '@temporalio/client';
import type { Db } from '../db/connect';
import { acceptSmsFollowUp, type SmsFollowUpOutcome, type SmsFollowUpRequest } from '../intake/deliveryIntake';

export type SmsFollowUpInput = SmsFollowUpRequest;
export type SmsFollowUpResult = SmsFollowUpOutcome;

/**
 * Creates the SMS delivery that follows up an unreached voice delivery through intake (so an active
 * policy suppresses it like any delivery) and starts its workflow. Idempotent per smsDeliveryId.
 */
export function createSmsFollowUpActivities(deps: { db: Db; temporal: Client; taskQueue: string }) {
  return {
    async createSmsFollowUp(input: SmsFollowUpInput): Promise<SmsFollowUpResult> {
      return acceptSmsFollowUp(deps, input);
    },
  };
}
