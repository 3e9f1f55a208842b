import { randomUUID } from 'node:crypto';
import { type CallScript, DEFAULT_CALL_SCRIPT, type NumberScript, outcomeForCall, type ScriptedOutcome } from './callScript';

export interface SimulatedCall {
  uniqueId: string;
  conversationId: string;
  project: string;
  destination: string;
  displayNumber: string;
  inputs: Record<string, string>;
  requestedAt: Date;
  finishesAt: Date;
  outcome: ScriptedOutcome;
}

export interface DialerFault {
  /** Answer this many coming /v2/call requests with HTTP 500 before serving normally. */
  failNextCalls?: number;
  /** Delay every /v2/call response by this many ms (the call is still placed at once). */
  responseDelayMs?: number;
}

/**
 * The state of the simulated dialer: calls placed, their scripted outcomes, injected faults.
 * Placing a call is idempotent per ConversationId, as the engine relies on (see README, exactly-once dialing).
 */
export class DialerSimulator {
  private script: CallScript;
  private readonly calls = new Map<string, SimulatedCall>();
  private readonly byConversation = new Map<string, string>();
  private readonly callsPerNumber = new Map<string, number>();
  fault: DialerFault = {};
  /** Every /v2/call request received, including repeats and failed ones. */
  requestsReceived = 0;

  constructor(script: CallScript = DEFAULT_CALL_SCRIPT, private readonly now: () => Date = () => new Date()) {
    this.script = structuredClone(script);
  }

  setNumber(number: string, script: NumberScript): void {
    this.script.numbers[number] = script;
    this.callsPerNumber.delete(number);
  }

  setDefaultOutcome(outcome: ScriptedOutcome): void {
    this.script.defaultOutcome = outcome;
  }

  getScript(): CallScript {
    return structuredClone(this.script);
  }

  reset(script: CallScript = DEFAULT_CALL_SCRIPT): void {
    this.script = structuredClone(script);
    this.calls.clear();
    this.byConversation.clear();
    this.callsPerNumber.clear();
    this.fault = {};
    this.requestsReceived = 0;
  }

  placeCall(request: { conversationId: string; project: string; destination: string; displayNumber: string; inputs: Record<string, string> }): SimulatedCall {
    const existing = this.byConversation.get(request.conversationId);
    if (existing) return this.calls.get(existing)!;
    const index = this.callsPerNumber.get(request.destination) ?? 0;
    this.callsPerNumber.set(request.destination, index + 1);
    const outcome = outcomeForCall(this.script, request.destination, index);
    const requestedAt = this.now();
    const call: SimulatedCall = {
      ...request,
      uniqueId: randomUUID(),
      requestedAt,
      finishesAt: new Date(requestedAt.getTime() + (outcome.ringMs ?? 0)),
      outcome,
    };
    this.calls.set(call.uniqueId, call);
    this.byConversation.set(call.conversationId, call.uniqueId);
    return call;
  }

  /** The call's state as the dialer reports it: a final state once the call is over, else "Dialing". */
  resultOf(uniqueId: string): { state: string; answeringMachine?: boolean; abandoned?: boolean } | undefined {
    const call = this.calls.get(uniqueId);
    if (!call) return undefined;
    if (this.now().getTime() < call.finishesAt.getTime()) return { state: 'Dialing' };
    return { state: call.outcome.state, answeringMachine: call.outcome.answeringMachine ?? false, abandoned: call.outcome.abandoned ?? false };
  }

  listCalls(): SimulatedCall[] {
    return [...this.calls.values()].sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
  }

  callsTo(destination: string): SimulatedCall[] {
    return this.listCalls().filter((c) => c.destination === destination);
  }
}
