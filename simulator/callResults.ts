/**
 * The simulated dialer's results on the wire: one CallResults item for /v2/callresult and for pushes to
 * a call's ResultDestination (SendResultImmediately). In seed-004-only mode an item has the seed's
 * fields alone. Pushes are retried a few times (the engine may be briefly down), then given up: the
 * engine's polling is the fallback.
 */
import type { CallResultFacts, DialerSimulator, SimulatedCall } from './dialerSimulator';

export function callResultItem(call: SimulatedCall, result: CallResultFacts, seed004Only: boolean): Record<string, unknown> {
  const seed = { UniqueId: call.uniqueId, CallRequestId: '', CallState: result.state };
  if (seed004Only) return seed;
  return {
    ...seed,
    AnsweringMachine: result.answeringMachine,
    Abandoned: result.abandoned,
    VoicemailLeft: result.voicemailLeft,
    AbandonMessagePlayed: result.abandonMessagePlayed,
    ...(result.waitMs !== undefined ? { WaitSeconds: result.waitMs / 1000 } : {}),
    ...(result.talkMs !== undefined ? { TalkSeconds: result.talkMs / 1000 } : {}),
    ...(result.wrapMs !== undefined ? { WrapUpSeconds: result.wrapMs / 1000 } : {}),
    ...(result.sipCode !== undefined ? { SipCode: result.sipCode } : {}),
    ...(result.sipDiagnostics !== undefined ? { SipDiagnostics: result.sipDiagnostics } : {}),
    ...(result.result !== undefined ? { Result: result.result } : {}),
    ...(result.resultAttributes !== undefined
      ? { ResultAttributes: Object.entries(result.resultAttributes).map(([Name, Value]) => ({ Name, Value })) }
      : {}),
  };
}

const PUSH_CHECK_MS = 25;
const PUSH_ATTEMPTS = 5;
const PUSH_RETRY_MS = 200;

/** Pushes each finished call's result to its ResultDestination once (retried on failure). */
export class ResultPusher {
  private readonly timer: NodeJS.Timeout;
  private readonly inFlight = new Set<string>();
  private readonly retryAt = new Map<string, number>();

  constructor(private readonly dialer: DialerSimulator) {
    this.timer = setInterval(() => this.tick(), PUSH_CHECK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const now = Date.now();
    for (const uniqueId of this.dialer.pendingPushes) {
      const call = this.dialer.call(uniqueId);
      if (!call?.resultDestination || call.push?.doneAt) {
        this.dialer.pendingPushes.delete(uniqueId);
        continue;
      }
      if (this.inFlight.has(call.uniqueId)) continue;
      if ((this.retryAt.get(call.uniqueId) ?? 0) > now) continue;
      const result = this.dialer.resultOf(call.uniqueId);
      if (!result || result.state === 'Dialing') continue;
      this.inFlight.add(call.uniqueId);
      // A push names its call's ConversationId too (unless seed 004 only), so the engine can check the address.
      const item = callResultItem(call, result, this.dialer.seed004Only);
      if (!this.dialer.seed004Only) item.ConversationId = call.conversationId;
      void this.push(call, item).finally(() => this.inFlight.delete(call.uniqueId));
    }
  }

  private async push(call: SimulatedCall, item: Record<string, unknown>): Promise<void> {
    const push = (call.push ??= { attempts: 0 });
    push.attempts += 1;
    try {
      const res = await fetch(call.resultDestination!, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(item),
        signal: AbortSignal.timeout(5_000),
      });
      push.status = res.status;
      delete push.error;
      await res.arrayBuffer();
      // 2xx: delivered; 4xx: the engine refused it for good; 5xx: try again.
      if (res.status < 500) push.doneAt = new Date();
    } catch (err) {
      push.error = err instanceof Error ? err.message : String(err);
    }
    if (!push.doneAt) {
      if (push.attempts >= PUSH_ATTEMPTS) push.doneAt = new Date();
      else this.retryAt.set(call.uniqueId, Date.now() + PUSH_RETRY_MS * push.attempts);
    }
  }
}
