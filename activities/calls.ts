import { ApplicationFailure, Context, sleep } from '@temporalio/activity';
import type { Db } from '../db/connect';
import { type CallFacts, classifyCall } from '../domain/callState';
import type { PhoneType } from '../domain/phoneNumbers';
import { DialerHttpError, type DialerClient } from './dialerClient';

export interface PlaceCallInput {
  callId: string;
  deliveryId: string;
  attemptNumber: number;
  contactId: string;
  phoneType: PhoneType;
  to: string;
  from: string;
  at: string;
  dialer: { project: string; tenant: string; scenarioPath: string; orchestratorUrl: string };
  inputs?: Record<string, string>;
}

export interface CallActivitiesDeps {
  db: Db;
  dialer: DialerClient;
  /** How often a call in progress is polled for its result. */
  pollIntervalMs?: number;
}

export function createCallActivities({ db, dialer, pollIntervalMs = 500 }: CallActivitiesDeps) {
  return {
    /**
     * Places one call, at most once per callId: the intent row is written before the dialer is asked,
     * the callId is the ConversationId the dialer deduplicates on, and a retry that finds a UniqueId
     * already stored returns it without dialling.
     */
    async placeCall(input: PlaceCallInput): Promise<{ uniqueId: string }> {
      await db
        .insertInto('calls')
        .values({
          call_id: input.callId,
          delivery_id: input.deliveryId,
          attempt_number: input.attemptNumber,
          contact_id: input.contactId,
          phone_type: input.phoneType,
          to_address: input.to,
          from_address: input.from,
          requested_at: input.at,
        })
        .onConflict((oc) => oc.column('call_id').doNothing())
        .execute();
      const existing = await db.selectFrom('calls').select('unique_id').where('call_id', '=', input.callId).executeTakeFirstOrThrow();
      if (existing.unique_id) return { uniqueId: existing.unique_id };

      let uniqueId: string;
      try {
        ({ uniqueId } = await dialer.placeCall({
          ...input.dialer,
          conversationId: input.callId,
          destination: input.to,
          displayNumber: input.from,
          inputs: input.inputs,
        }));
      } catch (err) {
        // A 4xx will not get better by asking again; 5xx, timeouts and network errors are retried.
        if (err instanceof DialerHttpError && err.status >= 400 && err.status < 500) {
          throw ApplicationFailure.nonRetryable(err.message, 'DialerRejectedCall');
        }
        throw err;
      }
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('calls').set({ unique_id: uniqueId, started_at: new Date() }).where('call_id', '=', input.callId).execute();
        await trx
          .updateTable('deliveries')
          .set({ call_id: uniqueId, to_address: input.to, from_address: input.from, contact_id: input.contactId, updated_at: new Date() })
          .where('delivery_id', '=', input.deliveryId)
          .execute();
      });
      return { uniqueId };
    },

    /** Polls the dialer until the call has a final state, heartbeating so a lost worker is noticed quickly. */
    async awaitCallResult(input: { callId: string; uniqueId: string }): Promise<CallFacts> {
      const ctx = Context.current();
      for (;;) {
        ctx.heartbeat();
        const facts = await dialer.callResult(input.uniqueId);
        if (facts) {
          const outcome = classifyCall(facts);
          await db
            .updateTable('calls')
            .set({
              call_state: facts.state,
              answering_machine: facts.answeringMachine ?? false,
              abandoned: facts.abandoned ?? false,
              reattempt_reason: outcome.reattemptReason ?? null,
              ended_at: new Date(),
            })
            .where('call_id', '=', input.callId)
            .execute();
          return facts;
        }
        await sleep(pollIntervalMs);
      }
    },
  };
}
