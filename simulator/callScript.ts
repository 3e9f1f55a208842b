import type { FinalCallState } from '../domain/callState';
import type { VoiceProductResult } from '../domain/delivery/productOutcomes';

/** What the simulated network does when a number is dialled. */
export interface ScriptedOutcome {
  state: FinalCallState;
  /** How long the call takes before its result is known. */
  ringMs?: number;
  answeringMachine?: boolean;
  abandoned?: boolean;
  /** A failed call's SIP response code and diagnostics, reported as SipCode / SipDiagnostics. */
  sipCode?: number;
  sipDiagnostics?: string;
  /** A product result word the dialer states itself (e.g. BotFailed), reported as Result. */
  result?: VoiceProductResult;
  /** What the AI agent returned at call end, reported as ResultAttributes. */
  resultAttributes?: Record<string, string>;
  /**
   * A connected call's conversation, reported as TalkSeconds / WrapUpSeconds; with a representative
   * pool, it is also how long the call keeps its representative busy (talk + wrap-up).
   */
  talkMs?: number;
  wrapMs?: number;
}

/**
 * Per-number behaviour: one outcome for every call, or a sequence consumed call by call
 * (the last entry repeats), so "busy, then answered" can be scripted.
 */
export type NumberScript = ScriptedOutcome | ScriptedOutcome[];

export interface CallScript {
  /** Outcome for numbers not listed. */
  defaultOutcome: ScriptedOutcome;
  numbers: Record<string, NumberScript>;
}

/** Well-known simulator numbers, documented in the README. */
export const DEFAULT_CALL_SCRIPT: CallScript = {
  defaultOutcome: { state: 'Answered', ringMs: 300 },
  numbers: {
    '+15550100001': { state: 'Answered', ringMs: 300 },
    '+15550100002': { state: 'Busy', ringMs: 200 },
    '+15550100003': { state: 'No Answer', ringMs: 500 },
    '+15550100004': { state: 'Invalid Number', ringMs: 100 },
    '+15550100005': { state: 'Answered', ringMs: 300, answeringMachine: true },
    '+15550100006': { state: 'Rejected', ringMs: 200 },
    '+15550100007': {
      state: 'Error',
      ringMs: 100,
      sipCode: 488,
      sipDiagnostics: '{"sipCode":488,"q850":79,"reason":"Not Acceptable Here"}',
    },
    '+15550100008': {
      state: 'Error',
      ringMs: 100,
      sipCode: 503,
      sipDiagnostics: '{"sipCode":503,"q850":41,"reason":"Service Unavailable"}',
    },
  },
};

export function outcomeForCall(script: CallScript, destination: string, callIndexForNumber: number): ScriptedOutcome {
  const entry = script.numbers[destination];
  if (!entry) return script.defaultOutcome;
  if (!Array.isArray(entry)) return entry;
  if (entry.length === 0) return script.defaultOutcome;
  return entry[Math.min(callIndexForNumber, entry.length - 1)] ?? script.defaultOutcome;
}
