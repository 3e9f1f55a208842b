/**
 * One call result as a dialer sends it, polled from /v2/callresult or pushed to our ResultDestination.
 * Seed 004 gives UniqueId, CallRequestId and CallState only; the other fields are what a richer dialer
 * (and the simulator) adds. A field the dialer leaves out stays unknown: an answered call without
 * AnsweringMachine is not assumed to be a person (domain/delivery/productOutcomes.ts), and pacing gets
 * no abandonment or wait figure from it.
 */
import { type CallFacts, isFinalCallState } from './callState';
import { isVoiceProductResult } from './delivery/productOutcomes';

export interface DialerResultItem {
  UniqueId: string;
  CallRequestId?: string;
  CallState: string;
  /** The ConversationId the call was placed with (sent with pushes; the engine's call intent id). */
  ConversationId?: string;
  AnsweringMachine?: boolean;
  Abandoned?: boolean;
  VoicemailLeft?: boolean;
  WaitSeconds?: number;
  /** A connected call's conversation: talk and wrap-up (not a seed field; a richer dialer's, and the simulator's). */
  TalkSeconds?: number;
  WrapUpSeconds?: number;
  SipCode?: number;
  /** SIP diagnostics as the dialer words them: a string, or an object kept as JSON. */
  SipDiagnostics?: string | Record<string, unknown>;
  /** A product result word the dialer states itself (BotFailed, Undetermined, NotAHandset …). */
  Result?: string;
  /** Values the AI agent returned at call end: stored as the delivery's result attributes. */
  ResultAttributes?: Array<{ Name: string; Value: string }>;
}

/** The product keeps SIP diagnostics in a column of up to 1000 characters. */
export const SIP_DIAGNOSTICS_MAX = 1000;

/** The facts of a finished call, or undefined while the dialer still reports it in progress. */
export function callFactsFromDialer(item: DialerResultItem): CallFacts | undefined {
  if (!isFinalCallState(item.CallState)) return undefined;
  const facts: CallFacts = { state: item.CallState };
  if (typeof item.AnsweringMachine === 'boolean') facts.answeringMachine = item.AnsweringMachine;
  if (typeof item.Abandoned === 'boolean') facts.abandoned = item.Abandoned;
  if (typeof item.VoicemailLeft === 'boolean') facts.voicemailLeft = item.VoicemailLeft;
  const waitMs = secondsAsMs(item.WaitSeconds);
  if (waitMs !== undefined) facts.waitMs = waitMs;
  const talkMs = secondsAsMs(item.TalkSeconds);
  if (talkMs !== undefined) facts.talkMs = talkMs;
  const wrapMs = secondsAsMs(item.WrapUpSeconds);
  if (wrapMs !== undefined) facts.wrapMs = wrapMs;
  if (typeof item.SipCode === 'number' && Number.isInteger(item.SipCode)) facts.sipCode = item.SipCode;
  if (item.SipDiagnostics !== undefined && item.SipDiagnostics !== null) {
    const text = typeof item.SipDiagnostics === 'string' ? item.SipDiagnostics : JSON.stringify(item.SipDiagnostics);
    facts.sipDiagnostics = text.slice(0, SIP_DIAGNOSTICS_MAX);
  }
  if (isVoiceProductResult(item.Result)) facts.result = item.Result;
  return facts;
}

/** A duration the dialer gave in seconds, in whole ms; undefined unless a finite number ≥ 0. */
function secondsAsMs(seconds: unknown): number | undefined {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : undefined;
}

/** The AI agent's returned values, as keyword/value pairs (later duplicates win). */
export function resultAttributesFromDialer(item: Pick<DialerResultItem, 'ResultAttributes'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of item.ResultAttributes ?? []) if (typeof a?.Name === 'string' && typeof a.Value === 'string') out[a.Name] = a.Value;
  return out;
}
