/**
 * The product's result words (reference §5, "Outcomes for proactive engagement") and how a finished
 * call maps to them: from the dialer's call state (seed 004), the extra facts a richer dialer adds
 * (answering machine, abandonment, voicemail), and the SIP code when the dialer gives one. Each result
 * also says what it means for the delivery: reached, the reattempt reason it counts as (the engagement's
 * `msdyn_reattempt_rules` words), and whether the number is dialled again.
 */
import type { CallFacts, ReattemptReason } from '../callState';

/** Voice results of the product's latest outcomes page, plus the legacy `Busy` its history may hold. */
export const VOICE_PRODUCT_RESULTS = [
  'LiveAnswer',
  'AnsweringMachine',
  'AnsweringMachineHangup',
  'Undetermined',
  'NotAHandset',
  'BotFailed',
  'CallEnded',
  'NoAnswer',
  'InvalidAddress',
  'CallFailed',
  'NonRetriableError',
  'Abandoned',
  'Terminated',
  'CSRCancelled',
  'Unknown',
  'Cancelled',
  'Expired',
  'Error',
] as const;
export type VoiceProductResult = (typeof VOICE_PRODUCT_RESULTS)[number];

export function isVoiceProductResult(word: unknown): word is VoiceProductResult {
  return typeof word === 'string' && (VOICE_PRODUCT_RESULTS as readonly string[]).includes(word);
}

/** What a result means for the delivery. */
export interface ResultMeaning {
  /** A person (or, for a dialer that cannot tell, someone or something) answered: the delivery is complete. */
  reachedPerson: boolean;
  /** The engagement's reattempt reason it counts as; none: never reattempted for this result. */
  reattemptReason?: ReattemptReason;
  /** The number is not dialled again by this delivery. */
  numberInvalid: boolean;
}

const reached: ResultMeaning = { reachedPerson: true, numberInvalid: false };
const retry = (reattemptReason: ReattemptReason): ResultMeaning => ({ reachedPerson: false, reattemptReason, numberInvalid: false });
const never = (numberInvalid: boolean): ResultMeaning => ({ reachedPerson: false, numberInvalid });

/**
 * Result → meaning. `NoAnswer` is reattempted as NoAnswer unless the call was busy (see busyness in
 * callOutcome); `InvalidAddress` and `NonRetriableError` are never reattempted and their number is
 * not dialled again. Results a call cannot have (Cancelled, Expired, Error, Terminated, CSRCancelled:
 * nobody was called) are listed so that every word has a meaning; they are never reattempted.
 */
export const RESULT_MEANINGS: Record<VoiceProductResult, ResultMeaning> = {
  LiveAnswer: reached,
  CallEnded: reached,
  Undetermined: reached,
  AnsweringMachine: retry('AnsweringMachine'),
  AnsweringMachineHangup: retry('AnsweringMachine'),
  NotAHandset: never(true),
  BotFailed: retry('Failed'),
  NoAnswer: retry('NoAnswer'),
  Abandoned: retry('NoAnswer'),
  CallFailed: retry('Failed'),
  Unknown: retry('Failed'),
  InvalidAddress: never(true),
  NonRetriableError: never(true),
  Terminated: never(false),
  CSRCancelled: never(false),
  Cancelled: never(false),
  Expired: never(false),
  Error: never(false),
};

/** The product's SIP code lists (reference §5): a listed code decides the result of a call not answered. */
export const SIP_CODE_RESULTS: ReadonlyArray<{ result: VoiceProductResult; codes: readonly number[]; busy?: true }> = [
  { result: 'NoAnswer', codes: [486, 600], busy: true },
  { result: 'NoAnswer', codes: [603, 607] },
  { result: 'InvalidAddress', codes: [404, 410, 484, 485, 604] },
  { result: 'CallFailed', codes: [408, 480, 487, 500, 502, 503, 504] },
  { result: 'NonRetriableError', codes: [401, 405, 407, 415, 488, 501, 505] },
];

/** The SIP class of a code (1xx … 6xx), or undefined for a number that is not a SIP response code. */
export function sipClass(code: number): 1 | 2 | 3 | 4 | 5 | 6 | undefined {
  if (!Number.isInteger(code) || code < 100 || code > 699) return undefined;
  return Math.floor(code / 100) as 1 | 2 | 3 | 4 | 5 | 6;
}

/** The listed entry of a SIP code, if the product lists it. */
function sipEntry(code: number | undefined) {
  return code === undefined ? undefined : SIP_CODE_RESULTS.find((e) => e.codes.includes(code));
}

/**
 * The result of a call not answered, from the SIP code when the dialer gives one: a listed code
 * decides; any other final failure code (3xx–6xx) is a CallFailed, except that the dialer's own
 * "Invalid Number" or busy/no-answer states stay what they say; 1xx/2xx say nothing about a failure.
 */
function unansweredResult(facts: CallFacts): { result: VoiceProductResult; busy: boolean } {
  const listed = sipEntry(facts.sipCode);
  if (listed) return { result: listed.result, busy: listed.busy === true };
  switch (facts.state) {
    case 'Busy':
      // The product now reports busy as NoAnswer; the engagement's Busy reason still applies.
      return { result: 'NoAnswer', busy: true };
    case 'No Answer':
    case 'Rejected':
      return { result: 'NoAnswer', busy: false };
    case 'Invalid Number':
      return { result: 'InvalidAddress', busy: false };
    case 'Unknown':
      return { result: 'Unknown', busy: false };
    default:
      return { result: 'CallFailed', busy: false };
  }
}

/** A result a dialer may state itself (it knows about its AI agent or tones); others are derived. */
const DIALER_STATED_RESULTS: readonly VoiceProductResult[] = ['BotFailed', 'Undetermined', 'NotAHandset', 'AnsweringMachineHangup'];

/** The product result of a finished call. */
export function callResult(facts: CallFacts): VoiceProductResult {
  return callOutcome(facts).result;
}

export interface CallOutcomeWords extends ResultMeaning {
  result: VoiceProductResult;
}

/**
 * A finished call's product result and meaning. An answered call whose dialer said nothing about
 * answering machines (a seed-004-only dialer) is `CallEnded`: someone or something answered and the
 * delivery is complete, without claiming a live person.
 */
export function callOutcome(facts: CallFacts): CallOutcomeWords {
  if (facts.result && DIALER_STATED_RESULTS.includes(facts.result)) return { result: facts.result, ...RESULT_MEANINGS[facts.result] };
  if (facts.state === 'Answered') {
    let result: VoiceProductResult;
    if (facts.answeringMachine === true) result = facts.voicemailLeft === false ? 'AnsweringMachineHangup' : 'AnsweringMachine';
    else if (facts.abandoned === true) result = 'Abandoned';
    else if (facts.answeringMachine === false) result = 'LiveAnswer';
    else result = 'CallEnded';
    return { result, ...RESULT_MEANINGS[result] };
  }
  const { result, busy } = unansweredResult(facts);
  const meaning = RESULT_MEANINGS[result];
  return { result, ...meaning, ...(busy && meaning.reattemptReason ? { reattemptReason: 'Busy' as const } : {}) };
}

/** Whether the dialer reported the facts beyond seed 004 (answering machine or abandonment) for a call. */
export const reportsAnswerFacts = (facts: CallFacts): boolean => facts.answeringMachine !== undefined || facts.abandoned !== undefined;
