import type { VoiceProductResult } from './delivery/productOutcomes';

/**
 * The dialer's call states (seed 004) and what each means for a delivery.
 * Anything the dialer reports that is not in this list means "not finished yet".
 */
export const FINAL_CALL_STATES = [
  'Answered',
  'Busy',
  'Error',
  'Invalid Number',
  'No Answer',
  'Rejected',
  'Temporarily Unavailable',
] as const;
export type FinalCallState = (typeof FINAL_CALL_STATES)[number];

/**
 * Not a dialer state: the engine's record of a /v2/call whose answer never came (timeout, connection
 * lost after sending) and that could not safely be asked again. A call may have rung, so it counts as
 * placed (its cap slot stays used), and nobody is known to have been reached: it is reattempted, when
 * the engagement says so, like a failed call (reason `Failed`).
 */
export const UNKNOWN_CALL_STATE = 'Unknown';
/** What a call row may record as its outcome: a dialer's final state, or Unknown. */
export type RecordedCallState = FinalCallState | typeof UNKNOWN_CALL_STATE;

/** Reasons an engagement may list to reattempt an unreached delivery. */
export const REATTEMPT_REASONS = ['NoAnswer', 'Busy', 'Failed', 'AnsweringMachine'] as const;
export type ReattemptReason = (typeof REATTEMPT_REASONS)[number];

export function isFinalCallState(state: string): state is FinalCallState {
  return (FINAL_CALL_STATES as readonly string[]).includes(state);
}

/** Facts the dialer reports beside the call state. */
export interface CallFacts {
  state: RecordedCallState;
  answeringMachine?: boolean;
  abandoned?: boolean;
  /** The dialer left the engagement's voicemail message on the answering machine. */
  voicemailLeft?: boolean;
  /** A connected live answer: how long the caller waited for a representative, when the dialer says. */
  waitMs?: number;
  /** A connected call's talk and wrap-up, when the dialer says (their sum is the call's handle time). */
  talkMs?: number;
  wrapMs?: number;
  /** The SIP response code of a failed call, when the dialer gives one (it decides the product result). */
  sipCode?: number;
  /** The dialer's SIP diagnostics as it sent them (SIP code, Q.850 cause, reasons), kept for reporting. */
  sipDiagnostics?: string;
  /** A product result the dialer states itself (BotFailed, Undetermined, NotAHandset …). */
  result?: VoiceProductResult;
}

/** Call states pacing counts as failed calls (the dialer or the network failed, not the person). */
export const FAILED_CALL_STATES: readonly RecordedCallState[] = ['Error', 'Rejected', 'Temporarily Unavailable', UNKNOWN_CALL_STATE];
export const isFailedCall = (facts: Pick<CallFacts, 'state'>): boolean => FAILED_CALL_STATES.includes(facts.state);

export interface CallOutcome {
  /** A person was reached: the delivery is complete. */
  reachedPerson: boolean;
  /** Why the call did not reach anyone, when it did not. */
  reattemptReason?: ReattemptReason;
  /** The number must not be dialled again for this delivery. */
  numberInvalid: boolean;
}

/**
 * A pattern over call facts: the state it must have and, for each flag it names, the value the flag
 * must have (an absent or null flag counts as false). Kept as data so that the SQL form of a pattern
 * (db/callFactsSql.ts) is generated from the same definition as the TypeScript predicate.
 */
export interface CallFactsPattern {
  state: FinalCallState;
  flags: Partial<Record<CallFactFlag, boolean>>;
}
export type CallFactFlag = 'answeringMachine' | 'abandoned';

/** A live answer: a person, not an answering machine, picked up (whether or not a representative then took the call). */
export const LIVE_ANSWER: CallFactsPattern = { state: 'Answered', flags: { answeringMachine: false } };
/** A connected call: a live answer that was not abandoned, i.e. a person was reached. */
export const CONNECTED_CALL: CallFactsPattern = { state: 'Answered', flags: { ...LIVE_ANSWER.flags, abandoned: false } };

/** Call facts as stored: the state may be missing (call not finished) or outside the contract, flags may be null. */
export type StoredCallFacts = { state: string | null } & Partial<Record<CallFactFlag, boolean | null>>;

export function matchesCallFacts(pattern: CallFactsPattern, facts: StoredCallFacts): boolean {
  if (facts.state !== pattern.state) return false;
  return Object.entries(pattern.flags).every(([flag, wanted]) => (facts[flag as CallFactFlag] ?? false) === wanted);
}

export const isLiveAnswer = (facts: StoredCallFacts): boolean => matchesCallFacts(LIVE_ANSWER, facts);
export const isConnectedCall = (facts: StoredCallFacts): boolean => matchesCallFacts(CONNECTED_CALL, facts);

/**
 * Maps a finished call to its meaning, following the mapping in spec §6, as the engine did before it
 * spoke the product's result words. Kept unchanged for workflow histories whose dial results carry no
 * outcome (their replay must decide as they did); new calls are classified by
 * domain/delivery/productOutcomes.ts in the activity and the workflow uses that.
 */
export function classifyCall(facts: CallFacts): CallOutcome {
  switch (facts.state) {
    case 'Answered':
      if (!isLiveAnswer(facts)) return { reachedPerson: false, reattemptReason: 'AnsweringMachine', numberInvalid: false };
      // An abandoned call reached a person but nobody spoke to them: treat it as not reached.
      if (!isConnectedCall(facts)) return { reachedPerson: false, reattemptReason: 'NoAnswer', numberInvalid: false };
      return { reachedPerson: true, numberInvalid: false };
    case 'No Answer':
      return { reachedPerson: false, reattemptReason: 'NoAnswer', numberInvalid: false };
    case 'Busy':
      return { reachedPerson: false, reattemptReason: 'Busy', numberInvalid: false };
    case 'Invalid Number':
      return { reachedPerson: false, reattemptReason: 'Failed', numberInvalid: true };
    case 'Error':
    case 'Rejected':
    case 'Temporarily Unavailable':
    case UNKNOWN_CALL_STATE:
      return { reachedPerson: false, reattemptReason: 'Failed', numberInvalid: false };
  }
}
