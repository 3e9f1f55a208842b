/**
 * A call's result, stored once: whichever path brings it first (the dialer's push to ResultDestination,
 * the dial activity's polling, or the activity's Unknown) writes it; later ones find it stored and
 * return that. Both paths read back the stored facts, so the workflow and the reports see one outcome.
 */
import type { CallFacts, RecordedCallState } from '../domain/callState';
import { callOutcome, isVoiceProductResult } from '../domain/delivery/productOutcomes';
import type { Db } from './connect';
import type { Transaction } from 'kysely';
import type { CallRow, Database } from './schema';

export type ResultSource = 'poll' | 'push' | 'engine';

/** The facts a stored call row holds, or undefined while it has no final state. */
export function storedFacts(row: CallRow): CallFacts | undefined {
  if (!row.call_state || row.call_state === 'NotPlaced') return undefined;
  const facts: CallFacts = { state: row.call_state as RecordedCallState };
  if (row.answering_machine !== null) facts.answeringMachine = row.answering_machine;
  if (row.abandoned !== null) facts.abandoned = row.abandoned;
  if (row.voicemail_left !== null) facts.voicemailLeft = row.voicemail_left;
  if (row.sip_code !== null) facts.sipCode = row.sip_code;
  if (row.sip_diagnostics !== null) facts.sipDiagnostics = row.sip_diagnostics;
  if (row.wait_ms !== null) facts.waitMs = row.wait_ms;
  if (row.talk_ms !== null) facts.talkMs = row.talk_ms;
  if (row.wrap_ms !== null) facts.wrapMs = row.wrap_ms;
  // A result the dialer stated is not derivable from the other facts: carry it along.
  if (isVoiceProductResult(row.result) && callOutcome(facts).result !== row.result) facts.result = row.result;
  return facts;
}

/**
 * Stores a finished call's facts unless a result is stored already. Returns whether this write won.
 * Result attributes (the AI agent's values) are stored with the winning write only, as type 'result'.
 */
export async function storeCallResult(
  db: Db,
  callId: string,
  facts: CallFacts,
  source: ResultSource,
  resultAttributes: Record<string, string> = {},
): Promise<boolean> {
  const attributes = Object.entries(resultAttributes);
  // Without result attributes (most calls) the update alone is the write: one statement, no transaction.
  if (attributes.length === 0) return (await updateIfNoResult(db, callId, facts, source)) !== undefined;
  return db.transaction().execute(async (trx) => {
    const updated = await updateIfNoResult(trx, callId, facts, source);
    if (!updated) return false;
    await trx
      .insertInto('delivery_attributes')
      .values(attributes.map(([keyword, value]) => ({ delivery_id: updated.delivery_id, keyword, value, type: 'result' })))
      .execute();
    return true;
  });
}

function updateIfNoResult(db: Db | Transaction<Database>, callId: string, facts: CallFacts, source: ResultSource) {
  return db
    .updateTable('calls')
    .set({
      call_state: facts.state,
      // Unknown stays null: a seed-004-only dialer does not say, and reports must not count it as "no".
      answering_machine: facts.answeringMachine ?? null,
      abandoned: facts.abandoned ?? null,
      voicemail_left: facts.voicemailLeft ?? null,
      reattempt_reason: callOutcome(facts).reattemptReason ?? null,
      result: callOutcome(facts).result,
      sip_code: facts.sipCode ?? null,
      sip_diagnostics: facts.sipDiagnostics ?? null,
      wait_ms: facts.waitMs ?? null,
      talk_ms: facts.talkMs ?? null,
      wrap_ms: facts.wrapMs ?? null,
      result_source: source,
      ended_at: new Date(),
    })
    .where('call_id', '=', callId)
    .where('call_state', 'is', null)
    .returning('delivery_id')
    .executeTakeFirst();
}
