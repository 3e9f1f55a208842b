import { ApplicationFailure, Context, sleep } from '@temporalio/activity';
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import { storedFacts, storeCallResult } from '../db/callResults';
import { type CallFacts, isFailedCall, isLiveAnswer, UNKNOWN_CALL_STATE } from '../domain/callState';
import { callOutcome, type CallOutcomeWords } from '../domain/delivery/productOutcomes';
import { isLastDialAttempt } from '../domain/dialRetry';
import type { PhoneType } from '../domain/phoneTypes';
import type { FrequencyLimits } from '../domain/schedule';
import { DialerHttpError, type DialerClient, DialerOutcomeUnknownError } from './dialerClient';
import { releaseTouch, reserveTouch } from './frequencyLedger';

export interface DialNumberInput {
  callId: string;
  deliveryId: string;
  engagementId: string;
  attemptNumber: number;
  contactId: string;
  contactZone: string;
  phoneType: PhoneType;
  to: string;
  from: string;
  displayNumberReason: string;
  limits: FrequencyLimits;
  /** Workflow time of the dial. */
  at: string;
  dialer: { project: string; tenant: string; scenarioPath: string; orchestratorUrl: string };
  /** Scenario inputs for the dialer: answering-machine action, abandonment, queue, input attributes. */
  inputs: Record<string, string>;
  /** Set when the call holds a dispatch slot: ringing and outcome are reported to that pool's pacing. */
  poolKey?: string;
}

/**
 * `outcome`: the product result and what it means, decided here so that the workflow acts on what
 * its history recorded (results recorded before outcomes existed have none; see classifyCall).
 */
export type DialNumberResult =
  { kind: 'capped'; freeAt: string | null } | { kind: 'completed'; facts: CallFacts; outcome?: CallOutcomeWords };

export interface CallActivitiesDeps {
  db: Db;
  dialer: DialerClient;
  /** How often a call in progress is polled for its result (the dialer, or the stored push when pushes are asked for). */
  pollIntervalMs?: number;
  /** While the dialer is asked to push results: how often it is still polled, as the fallback. */
  pushFallbackPollMs?: number;
}

export function createCallActivities({ db, dialer, pollIntervalMs = 500, pushFallbackPollMs = 30_000 }: CallActivitiesDeps) {
  /**
   * Places one call and waits for its outcome, at most once per callId, however often it is retried:
   * the intent row is written before anything else; the frequency slot is reserved under the same id;
   * the callId is the ConversationId; a stored UniqueId is reused rather than dialled again; a stored
   * final state is returned as is. A request whose answer was lost is sent again (same ConversationId)
   * only to a dialer that deduplicates it; otherwise, or after the last retry, the call is Unknown.
   */
  async function dialNumber(input: DialNumberInput): Promise<DialNumberResult> {
    const written = await db
      .insertInto('calls')
      .values({
        call_id: input.callId,
        delivery_id: input.deliveryId,
        attempt_number: input.attemptNumber,
        contact_id: input.contactId,
        phone_type: input.phoneType,
        to_address: input.to,
        from_address: input.from,
        display_number_reason: input.displayNumberReason,
        requested_at: input.at,
        // A preview call: who accepted the offer (its backlog row lives until the call ends).
        representative_id: sql<string | null>`(select offer_accepted_by from dispatch_queue where delivery_id = ${input.deliveryId})`,
      })
      .onConflict((oc) => oc.column('call_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    // Read back only when an earlier attempt wrote the intent: a first attempt has it from the insert.
    const call = written ?? (await db.selectFrom('calls').selectAll().where('call_id', '=', input.callId).executeTakeFirstOrThrow());
    if (call.call_state === 'NotPlaced') return { kind: 'capped', freeAt: null };
    const known = storedFacts(call);
    if (known) return completed(input, known);

    let uniqueId = call.unique_id;
    if (!uniqueId) {
      // started_at without a UniqueId: an earlier attempt sent /v2/call and never stored an answer.
      const placed = await placeCall(input, call.started_at !== null);
      if (placed.kind !== 'placed') return placed.result;
      uniqueId = placed.uniqueId;
    }
    return awaitResult(input, uniqueId);
  }

  /**
   * Waits for the call's result. A dialer asked to push it (ResultDestination) stores it through the
   * API; meanwhile only the stored row is read, and the dialer is polled every pushFallbackPollMs in
   * case the push never comes. Otherwise the dialer is polled every pollIntervalMs. Either way the
   * first stored result is the call's result.
   */
  async function awaitResult(input: DialNumberInput, uniqueId: string): Promise<DialNumberResult> {
    const ctx = Context.current();
    let nextDialerPoll = dialer.pushesResults ? Date.now() + pushFallbackPollMs : 0;
    for (;;) {
      ctx.heartbeat();
      if (dialer.pushesResults) {
        const pushed = await storedResult(input.callId);
        if (pushed) return completed(input, pushed);
      }
      if (Date.now() >= nextDialerPoll) {
        const polled = await dialer.callResult(uniqueId);
        if (polled) {
          await storeCallResult(db, input.callId, polled.facts, 'poll', polled.resultAttributes);
          return completed(input, (await storedResult(input.callId)) ?? polled.facts);
        }
        if (dialer.pushesResults) nextDialerPoll = Date.now() + pushFallbackPollMs;
      }
      await sleep(pollIntervalMs);
    }
  }

  async function storedResult(callId: string): Promise<CallFacts | undefined> {
    const row = await db.selectFrom('calls').selectAll().where('call_id', '=', callId).executeTakeFirst();
    return row && storedFacts(row);
  }

  /** A finished call: pacing learns it (once per call), the workflow gets its facts and product outcome. */
  async function completed(input: DialNumberInput, facts: CallFacts): Promise<DialNumberResult> {
    if (input.poolKey) await recordPacingOutcome(db, input, facts);
    return { kind: 'completed', facts, outcome: callOutcome(facts) };
  }

  type Placement = { kind: 'placed'; uniqueId: string } | { kind: 'settled'; result: DialNumberResult };

  /**
   * Asks the dialer for the call, at most once per intent when the dialer cannot deduplicate
   * ConversationId. `sentBefore`: an earlier attempt's request may have placed it already.
   * A request that may have placed the call is marked (started_at) before it leaves, so a worker
   * killed mid-request leaves the next attempt that knowledge.
   */
  async function placeCall(input: DialNumberInput, sentBefore: boolean): Promise<Placement> {
    const lastAttempt = isLastDialAttempt(Context.current().info.attempt);
    if (sentBefore && !dialer.deduplicatesConversationId) {
      return settle(await recordUnknown(input, 'an earlier /v2/call got no answer and the dialer does not deduplicate ConversationId'));
    }
    const reservation = await reserveTouch(db, {
      touchId: input.callId,
      contactId: input.contactId,
      zone: input.contactZone,
      limits: input.limits,
      channel: 'voice',
      engagementId: input.engagementId,
      deliveryId: input.deliveryId,
      at: input.at,
    });
    if (!reservation.granted) {
      await db
        .updateTable('calls')
        .set({ call_state: 'NotPlaced', reattempt_reason: 'FrequencyCap' })
        .where('call_id', '=', input.callId)
        .execute();
      return settle({ kind: 'capped', freeAt: reservation.freeAt });
    }
    if (!sentBefore) await markSent(input.callId, new Date());
    try {
      const { uniqueId } = await withHeartbeats(() =>
        dialer.placeCall({
          ...input.dialer,
          conversationId: input.callId,
          destination: input.to,
          displayNumber: input.from,
          inputs: input.inputs,
          engagementId: input.engagementId,
        }),
      );
      await storePlaced(input, uniqueId);
      return { kind: 'placed', uniqueId };
    } catch (err) {
      if (err instanceof DialerOutcomeUnknownError) {
        // Without deduplication, asking again could place a second call: record what we know.
        // With it, ask again (same ConversationId) after the retry policy's backoff, until the last attempt.
        if (!dialer.deduplicatesConversationId || lastAttempt) return settle(await recordUnknown(input, err.message));
        throw err;
      }
      const refused = err instanceof DialerHttpError && err.status >= 400 && err.status < 500;
      // This request placed nothing, but an earlier one may have: never give up on it as an Error.
      if (sentBefore) {
        if (refused || lastAttempt) return settle(await recordUnknown(input, (err as Error).message));
        throw err;
      }
      await markSent(input.callId, null);
      // A 4xx will not get better by asking again: give the slot back and fail for good.
      if (refused) {
        await releaseTouch(db, input.callId);
        throw ApplicationFailure.nonRetryable((err as Error).message, 'DialerRejectedCall');
      }
      // 5xx or unreachable: retried; after the last attempt the slot of a call never placed is given back.
      if (lastAttempt) await releaseTouch(db, input.callId);
      throw err;
    }
  }

  const settle = (result: DialNumberResult): Placement => ({ kind: 'settled', result });

  async function markSent(callId: string, at: Date | null): Promise<void> {
    await db.updateTable('calls').set({ started_at: at }).where('call_id', '=', callId).where('unique_id', 'is', null).execute();
  }

  /** One statement (data-modifying CTEs), so one round trip: the call's UniqueId, the slot ringing, the delivery's numbers. */
  async function storePlaced(input: DialNumberInput, uniqueId: string): Promise<void> {
    const now = new Date();
    let statement = db.with('placed', (qc) =>
      qc.updateTable('calls').set({ unique_id: uniqueId, started_at: now }).where('call_id', '=', input.callId).returning('call_id'),
    );
    if (input.poolKey) {
      statement = statement.with('ringing', (qc) =>
        qc
          .updateTable('dispatch_queue')
          .set({ ringing_since: now, answered_at: null })
          .where('delivery_id', '=', input.deliveryId)
          .returning('delivery_id'),
      ) as unknown as typeof statement;
    }
    await statement
      .updateTable('deliveries')
      .set({ call_id: uniqueId, to_address: input.to, from_address: input.from, contact_id: input.contactId, updated_at: now })
      .where('delivery_id', '=', input.deliveryId)
      .execute();
  }

  /** The call may have rung: its cap slot stays used, the row says Unknown, the delivery goes on as its reattempt rules say. */
  async function recordUnknown(input: DialNumberInput, why: string): Promise<DialNumberResult> {
    Context.current().log.warn('call recorded as Unknown', { callId: input.callId, deliveryId: input.deliveryId, why });
    await storeCallResult(db, input.callId, { state: UNKNOWN_CALL_STATE }, 'engine');
    // A result the dialer pushed meanwhile (the call was placed after all) wins over Unknown.
    return completed(input, (await storedResult(input.callId)) ?? { state: UNKNOWN_CALL_STATE });
  }

  return { dialNumber };
}

/** Heartbeats while a request that may outlast the heartbeat timeout is waited for. */
async function withHeartbeats<T>(work: () => Promise<T>): Promise<T> {
  const ctx = Context.current();
  ctx.heartbeat();
  const timer = setInterval(() => ctx.heartbeat(), 5_000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/**
 * What pacing and the pacing rules learn from a finished call (once per call, whatever the retries), in
 * one statement: the ring time is read from the call row inside it.
 */
async function recordPacingOutcome(db: Db, input: DialNumberInput, facts: CallFacts): Promise<void> {
  const now = new Date();
  const live = isLiveAnswer(facts);
  await db
    .with('outcome', (qc) =>
      qc
        .insertInto('dispatch_outcomes')
        .values({
          pool_key: input.poolKey!,
          engagement_id: input.engagementId,
          call_id: input.callId,
          at: now,
          ring_ms: sql<number>`coalesce((select greatest(0, round(extract(epoch from (${now}::timestamptz - c.started_at)) * 1000))::int
            from calls c where c.call_id = ${input.callId}), 0)`,
          live,
          // Unknown (null) when the dialer did not say: pacing must not read it as "not abandoned".
          abandoned: live ? (facts.abandoned ?? null) : false,
          failed: isFailedCall(facts),
          wait_ms: facts.waitMs ?? null,
        })
        .onConflict((oc) => oc.column('call_id').doNothing())
        .returning('call_id'),
    )
    // A connected call no longer rings: its representative shows as busy in the availability figures.
    .updateTable('dispatch_queue')
    .set(live ? { answered_at: now } : { ringing_since: null })
    .where('delivery_id', '=', input.deliveryId)
    .execute();
}
