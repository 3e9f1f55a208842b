import { randomUUID } from 'node:crypto';
import type { Scenario } from '../domain/callModel';
import { type CallScript, DEFAULT_CALL_SCRIPT, type NumberScript, outcomeForCall, type ScriptedOutcome } from './callScript';
import { type Conversation, scriptedConversation } from './conversation';
import { RepresentativePool, type RepresentativesConfig } from './representativePool';
import { type AnsweringMachineAction, DEFAULT_ABANDON_SECONDS, parseScenarioInputs } from './scenarioInputs';
import { StochasticCalls, type StochasticDraw, type StochasticStatus } from './stochasticCalls';

export interface SimulatedCall {
  uniqueId: string;
  conversationId: string;
  project: string;
  destination: string;
  displayNumber: string;
  inputs: Record<string, string>;
  requestedAt: Date;
  /**
   * When the dialer starts reporting the final state. requestedAt + ringMs, except for a live answer
   * decided by the representative pool: then the connect instant, or the abandon instant.
   */
  finishesAt: Date;
  outcome: ScriptedOutcome;
  /** Scenario inputs the engine sent (see scenarioInputs.ts); absent when not given. */
  answeringMachineAction?: AnsweringMachineAction;
  voicemailMessage?: string;
  abandonSeconds?: number;
  abandonMessage?: string;
  queueId?: string;
  /** requestedAt + ringMs when the scripted state is Answered. */
  answeredAt?: Date;
  /** Set when the representative pool connected the call. */
  connectedAt?: Date;
  /** The connected conversation: talk, and wrap-up when the script or the scenario says (see conversation.ts). */
  conversation?: Conversation;
  representative?: number;
  /** Set when the representative pool abandoned the call (nobody free within the call's abandon seconds). */
  abandonedAt?: Date;
  /** Stochastic mode: the draw behind this call (kind; a live answer's talk, wrap-up and patience). */
  drawn?: StochasticDraw;
  /** The AccessToken the engine sent (the dialer sees it; the engine never shows it). */
  accessToken?: string;
  /** Where the result is pushed when the call ends (SendResultImmediately), and what came of it. */
  resultDestination?: string;
  push?: { attempts: number; status?: number; error?: string; doneAt?: Date };
  /** How often /v2/callresult asked for this call. */
  resultRequests: number;
}

export interface DialerFault {
  /** Answer this many coming /v2/call requests with HTTP 500 before serving normally. */
  failNextCalls?: number;
  /** Delay every /v2/call response by this many ms (the call is still placed at once). */
  responseDelayMs?: number;
  /** Delay only this many coming /v2/call responses by `responseDelayMs`, then answer at once. */
  slowNextCalls?: number;
  /** Answer this many coming /v2/call requests with HTTP 403 (a permanent refusal). */
  rejectNextCalls?: number;
}

/** A finished call's facts as /v2/callresult reports them (state "Dialing" while in progress). */
export interface CallResultFacts {
  state: string;
  answeringMachine?: boolean;
  abandoned?: boolean;
  voicemailLeft?: boolean;
  abandonMessagePlayed?: boolean;
  /** A connected live answer: how long the caller waited for a representative (ms). */
  waitMs?: number;
  /** A connected live answer's talk and wrap-up (ms), when known. */
  talkMs?: number;
  wrapMs?: number;
  sipCode?: number;
  sipDiagnostics?: string;
  result?: string;
  resultAttributes?: Record<string, string>;
}

export interface DialerSimulatorOptions {
  /** A pool of representatives that live answers must reach in time; off when absent. */
  representatives?: RepresentativesConfig;
  /** See DialerSimulator.deduplicatesConversationId; default true. */
  deduplicatesConversationId?: boolean;
  /** Stochastic mode from the start (and after every reset): outcomes and the pool follow this scenario. */
  stochastic?: Scenario;
  /** See DialerSimulator.seed004Only; default false. */
  seed004Only?: boolean;
}

export interface QueueAvailability {
  queueId: string;
  withinOperatingHours: boolean;
  representatives: Array<{ state: 'available' | 'busy'; elapsedMs: number }>;
  averageHandleMs?: number;
}

export interface RepresentativesStatus extends RepresentativesConfig {
  /** Representatives in (or promised to) a conversation now. */
  busy: number;
  /** Calls this pool has connected / abandoned so far. */
  connected: number;
  abandoned: number;
}

interface PendingAnswer {
  call: SimulatedCall;
  answerAt: number;
  seq: number;
}

function isLiveAnswer(outcome: ScriptedOutcome): boolean {
  return outcome.state === 'Answered' && !outcome.answeringMachine && !outcome.abandoned;
}

/**
 * The state of the simulated dialer: calls placed, their scripted outcomes, injected faults, and the
 * optional representative pool. Placing a call is idempotent per ConversationId unless
 * `deduplicatesConversationId` is off (see README, "Dialling exactly once").
 *
 * The pool's decisions are computed from the call timeline alone: live answers are offered to the pool in
 * order of answer instant as the clock passes them, so a call's result never depends on when, or in which
 * order, results are asked for. This assumes the injected clock never goes backwards.
 */
export class DialerSimulator {
  private script: CallScript;
  private readonly calls = new Map<string, SimulatedCall>();
  private readonly byConversation = new Map<string, string>();
  private readonly callsPerNumber = new Map<string, number>();
  private readonly initialRepresentatives: RepresentativesConfig | undefined;
  private pool: RepresentativePool | undefined;
  private readonly initialStochastic: Scenario | undefined;
  private stochastic: StochasticCalls | undefined;
  /** Live answers not yet offered to the pool, sorted by (answerAt, seq). */
  private pending: PendingAnswer[] = [];
  private seq = 0;
  fault: DialerFault = {};
  /** Every /v2/call request received, including repeats and failed ones. */
  requestsReceived = 0;
  /**
   * true (the default): a repeated ConversationId returns the call already placed. false: every request
   * places a new call, as a dialer that only speaks seed 004 would; with `fault.responseDelayMs` above
   * the engine's timeout this makes calls ambiguous (placed, answer lost). reset() restores the option.
   */
  deduplicatesConversationId: boolean;
  /**
   * Speak seed 004 only: results carry UniqueId, CallRequestId and CallState and nothing else (no
   * answering machine, abandonment, voicemail, wait, SIP or AI-agent fields). reset() restores the option.
   */
  seed004Only: boolean;
  private readonly initialSeed004Only: boolean;

  constructor(
    script: CallScript = DEFAULT_CALL_SCRIPT,
    private readonly now: () => Date = () => new Date(),
    options: DialerSimulatorOptions = {},
  ) {
    this.script = structuredClone(script);
    this.initialRepresentatives = options.representatives ? { ...options.representatives } : undefined;
    this.pool = this.initialRepresentatives ? new RepresentativePool(this.initialRepresentatives) : undefined;
    this.initialDeduplicates = options.deduplicatesConversationId ?? true;
    this.deduplicatesConversationId = this.initialDeduplicates;
    this.initialSeed004Only = options.seed004Only ?? false;
    this.seed004Only = this.initialSeed004Only;
    this.initialStochastic = options.stochastic;
    if (options.stochastic) this.startStochastic(options.stochastic);
  }

  private readonly initialDeduplicates: boolean;

  /** Every call placed under this ConversationId (more than one only when not deduplicating). */
  callsForConversation(conversationId: string): SimulatedCall[] {
    return this.listCalls().filter((c) => c.conversationId === conversationId);
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

  /**
   * Switches the representative pool on (a fresh pool: every representative free) or off (null).
   * Live answers before this instant were decided by the previous setting; later ones by this one.
   */
  setRepresentatives(config: RepresentativesConfig | null): void {
    this.advance();
    this.pool = config ? new RepresentativePool({ count: config.count, handleMs: config.handleMs }) : undefined;
  }

  /** The pool's setting and load now, or null when there is none. */
  getRepresentatives(): RepresentativesStatus | null {
    this.advance();
    if (!this.pool) return null;
    return {
      ...this.pool.config,
      busy: this.pool.busyAt(this.now().getTime()),
      connected: this.pool.connected,
      abandoned: this.pool.abandoned,
    };
  }

  /** Queues currently outside their operating hours (every other queue is open). */
  readonly closedQueues = new Set<string>();
  /** Availability reported while no representative pool is set: that many representatives, all free. */
  static readonly UNSTAFFED_AVAILABLE = 10;

  /**
   * What the availability contract reports for a queue: its hours and each representative's presence.
   * The one pool serves every queue; with no pool, a fixed number of free representatives.
   */
  availability(queueId: string): QueueAvailability {
    this.advance();
    const withinOperatingHours = !this.closedQueues.has(queueId);
    const now = this.now().getTime();
    const presence = this.pool
      ? this.pool.presenceAt(now)
      : Array.from({ length: DialerSimulator.UNSTAFFED_AVAILABLE }, () => ({ state: 'available' as const, elapsedMs: 0 }));
    return { queueId, withinOperatingHours, representatives: presence, averageHandleMs: this.pool?.config.handleMs };
  }

  /** Forgets every call and fault, restores `script`, and restores the representative pool given to the constructor (fresh). */
  reset(script: CallScript = DEFAULT_CALL_SCRIPT): void {
    this.script = structuredClone(script);
    this.calls.clear();
    this.byConversation.clear();
    this.callsPerNumber.clear();
    this.pendingPushes.clear();
    this.pending = [];
    this.closedQueues.clear();
    this.pool = this.initialRepresentatives ? new RepresentativePool(this.initialRepresentatives) : undefined;
    this.fault = {};
    this.requestsReceived = 0;
    this.deduplicatesConversationId = this.initialDeduplicates;
    this.seed004Only = this.initialSeed004Only;
    this.stochastic = undefined;
    if (this.initialStochastic) this.startStochastic(this.initialStochastic);
  }

  placeCall(request: {
    conversationId: string;
    project: string;
    destination: string;
    displayNumber: string;
    inputs: Record<string, string>;
    accessToken?: string;
    resultDestination?: string;
  }): SimulatedCall {
    const existing = this.deduplicatesConversationId ? this.byConversation.get(request.conversationId) : undefined;
    if (existing) return this.calls.get(existing)!;
    this.advance();
    const index = this.callsPerNumber.get(request.destination) ?? 0;
    this.callsPerNumber.set(request.destination, index + 1);
    const requestedAt = this.now();
    const drawn = this.drawStochastic(request.destination, requestedAt);
    const outcome = drawn?.outcome ?? outcomeForCall(this.script, request.destination, index);
    const finishesAt = new Date(requestedAt.getTime() + (outcome.ringMs ?? 0));
    const call: SimulatedCall = {
      ...request,
      ...parseScenarioInputs(request.inputs).scenario,
      uniqueId: randomUUID(),
      resultRequests: 0,
      requestedAt,
      finishesAt,
      outcome,
      ...(drawn ? { drawn } : {}),
    };
    if (outcome.state === 'Answered') call.answeredAt = new Date(finishesAt.getTime());
    this.calls.set(call.uniqueId, call);
    this.byConversation.set(call.conversationId, call.uniqueId);
    if (call.resultDestination) this.pendingPushes.add(call.uniqueId);
    if (isLiveAnswer(outcome)) this.enqueue({ call, answerAt: finishesAt.getTime(), seq: this.seq++ });
    return call;
  }

  /** The call's state as the dialer reports it: a final state once the call is over, else "Dialing". */
  resultOf(uniqueId: string): CallResultFacts | undefined {
    const call = this.calls.get(uniqueId);
    if (!call) return undefined;
    this.advance();
    if (this.now().getTime() < call.finishesAt.getTime()) return { state: 'Dialing' };
    const answeringMachine = call.outcome.answeringMachine ?? false;
    const abandoned = (call.outcome.abandoned ?? false) || call.abandonedAt !== undefined;
    return {
      state: call.outcome.state,
      answeringMachine,
      abandoned,
      voicemailLeft: call.outcome.state === 'Answered' && answeringMachine && call.answeringMachineAction === 'voicemail',
      abandonMessagePlayed: call.outcome.state === 'Answered' && abandoned && call.abandonMessage !== undefined,
      ...(call.connectedAt && call.answeredAt ? { waitMs: call.connectedAt.getTime() - call.answeredAt.getTime() } : {}),
      // A live answer no pool decided (a plain answer) talks as its script says.
      ...(abandoned || !isLiveAnswer(call.outcome) ? {} : (call.conversation ?? (call.connectedAt ? {} : scriptedConversation(call)))),
      ...(call.outcome.sipCode !== undefined ? { sipCode: call.outcome.sipCode } : {}),
      ...(call.outcome.sipDiagnostics !== undefined ? { sipDiagnostics: call.outcome.sipDiagnostics } : {}),
      ...(call.outcome.result !== undefined ? { result: call.outcome.result } : {}),
      ...(call.outcome.resultAttributes !== undefined ? { resultAttributes: call.outcome.resultAttributes } : {}),
    };
  }

  /** Calls whose result is still to be pushed to their ResultDestination (see callResults.ts). */
  readonly pendingPushes = new Set<string>();

  call(uniqueId: string): SimulatedCall | undefined {
    return this.calls.get(uniqueId);
  }

  listCalls(): SimulatedCall[] {
    this.advance();
    return [...this.calls.values()].sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
  }

  callsTo(destination: string): SimulatedCall[] {
    return this.listCalls().filter((c) => c.destination === destination);
  }

  /**
   * Switches the stochastic mode on with a scenario (a fresh seeded stream, the shift starting now, the
   * scenario's representatives all free) or off (null: scripted outcomes again, the pool kept).
   */
  setStochastic(scenario: Scenario | null): void {
    this.advance();
    if (scenario) this.startStochastic(scenario);
    else this.stochastic = undefined;
  }

  /** The stochastic mode's scenario and counts now, or null when it is off. */
  getStochastic(): StochasticStatus | null {
    return this.stochastic?.status(this.now().getTime()) ?? null;
  }

  private startStochastic(scenario: Scenario): void {
    this.stochastic = new StochasticCalls(scenario, this.now().getTime());
    this.pool = this.stochastic.representatives();
  }

  /** Stochastic mode: the draw for a call to a number the script does not list (listed numbers keep their script). */
  private drawStochastic(destination: string, at: Date): StochasticDraw | undefined {
    if (!this.stochastic || Object.hasOwn(this.script.numbers, destination)) return undefined;
    return this.stochastic.draw(at.getTime());
  }

  /** Offers to the pool, in timeline order, every live answer whose answer instant has passed. */
  private advance(): void {
    const now = this.now().getTime();
    let done = 0;
    while (done < this.pending.length && this.pending[done]!.answerAt <= now) {
      const { call, answerAt } = this.pending[done]!;
      done += 1;
      if (!this.pool) continue; // no pool when it answered: a plain answer
      const graceMs = Math.min((call.abandonSeconds ?? DEFAULT_ABANDON_SECONDS) * 1000, call.drawn?.patienceMs ?? Infinity);
      const conversation = scriptedConversation(call);
      const handleMs = conversation.talkMs === undefined ? undefined : conversation.talkMs + (conversation.wrapMs ?? 0);
      const decision = this.pool.offer(answerAt, graceMs, handleMs);
      if (decision.connected) {
        call.connectedAt = new Date(decision.connectedAt);
        // The fixed pool's handle time does not split talk from wrap-up: all of it is reported as talk.
        call.conversation = handleMs === undefined ? { talkMs: this.pool.config.handleMs } : conversation;
        call.representative = decision.representative;
        call.finishesAt = new Date(decision.connectedAt);
      } else {
        call.abandonedAt = new Date(decision.abandonedAt);
        call.finishesAt = new Date(decision.abandonedAt);
      }
    }
    if (done > 0) this.pending.splice(0, done);
  }

  private enqueue(entry: PendingAnswer): void {
    // Binary search for the first entry after (answerAt, seq); new calls mostly land at the end.
    let lo = 0;
    let hi = this.pending.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = this.pending[mid]!;
      if (other.answerAt < entry.answerAt || (other.answerAt === entry.answerAt && other.seq < entry.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.pending.splice(lo, 0, entry);
  }
}
