/**
 * Discrete-event simulation of one shift: representatives, calls and the pacing module deciding how
 * many calls to place after every event (and on a 1-second tick), or only on a
 * tick and when a representative becomes available (PolicyRun.decisionIntervalMs). The policy only sees what a real
 * dialer sees: agent states with elapsed times, ringing calls with elapsed times, and the online
 * estimates learnt from the outcomes so far.
 */
import {
  type AbandonController,
  type AgentSnapshot,
  controllerForTarget,
  decide,
  type Estimates,
  type EstimatorConfig,
  initialController,
  initialEstimates,
  observeLiveAnswer,
  observeOutcome,
  type Outcome,
  type PolicyConfig,
  type Priors,
} from '../../domain/pacing';
import { EventQueue } from './eventQueue';
import type { ShiftRecord } from './metrics';
import { meanHandleMs, mulberry32, type Rng, sampleDial, sampleTalkMs, sampleWrapMs, type Scenario } from '../../domain/callModel';

export interface PolicyRun {
  readonly label: string;
  readonly policy: PolicyConfig;
  /** Abandon target given to the module (and the controller's set point: see setPointFactor). */
  readonly abandonTarget: number;
  /** Fixed set point = abandonTarget × this; without it, controllerForTarget's adaptive set point. */
  readonly setPointFactor?: number;
  /** Margin (standard deviations) of the adaptive set point, used when setPointFactor is not given. */
  readonly setPointZ?: number;
  readonly controllerGain?: number;
  /** Optional estimator configuration (forgetting time constants, histogram bins). */
  readonly estimatorConfig?: Partial<EstimatorConfig>;
  /**
   * When set, the policy is consulted only every this many ms and whenever a representative becomes
   * available (how a dispatcher runs a heavier computation); otherwise after every event.
   */
  readonly decisionIntervalMs?: number;
  /**
   * The dialer of the live engine: it reports a live answer only at its connect or abandon, so the
   * policy sees answers waiting for a representative as calls still ringing (no `waitingLive`).
   */
  readonly answersReportedAtConnect?: boolean;
  /** With answersReportedAtConnect: whether the policy is told so (default true); false shows what it costs not to be. */
  readonly policyKnowsAnswersHidden?: boolean;
  /**
   * The live engine's availability contract: a representative is busy for the whole handle (no
   * wrap-up state), and pacing learns handle times only from the queue's average handle time, either
   * with the prior's spread (`handledOnAverage`, as the engine does) or, as it once did, as if every
   * conversation had lasted exactly the average (`asObservations`).
   */
  readonly handleTimeFromAverage?: 'withPriorSpread' | 'asObservations';
}

type Ev =
  | { readonly type: 'resolve'; readonly call: number }
  | { readonly type: 'grace'; readonly call: number }
  | { readonly type: 'talkEnd'; readonly agent: number }
  | { readonly type: 'wrapEnd'; readonly agent: number }
  | { readonly type: 'tick' };

interface Call {
  readonly dialAt: number;
  readonly live: boolean;
  readonly resolveAt: number;
  answeredAt: number;
  waiting: boolean;
}

interface Agent {
  state: 'available' | 'busy' | 'wrap';
  since: number;
  talkMs: number;
}

/** Priors of the online estimator: generic, deliberately not the scenario's truth. */
export const BENCH_PRIORS: Partial<Priors> = {
  answerProbability: 0.2,
  talkMeanMs: 120_000,
  wrapMeanMs: 10_000,
  ringMeanMs: 8_000,
};

/** What the estimator learns when a conversation ends, as much as the run's view of handle times shows. */
function handledOutcome(run: PolicyRun, averageHandleMs: number, atMs: number, talkMs: number, wrapMs: number): Outcome {
  switch (run.handleTimeFromAverage) {
    case 'withPriorSpread':
      return { kind: 'handledOnAverage', atMs, handleMs: averageHandleMs };
    case 'asObservations':
      return { kind: 'handled', atMs, talkMs: averageHandleMs, wrapMs: 0 };
    default:
      return { kind: 'handled', atMs, talkMs, wrapMs };
  }
}

export function simulateShift(s: Scenario, run: PolicyRun, seed: number, hours = s.shiftHours): ShiftRecord {
  const rng: Rng = mulberry32(seed);
  const shiftMs = hours * 3_600_000;
  const graceMs = s.graceSeconds * 1000;
  const averageHandleMs = meanHandleMs(s);
  const hardCap = s.agents * s.hardCapPerAgent;
  const q = new EventQueue<Ev>();
  const agents: Agent[] = Array.from({ length: s.agents }, () => ({ state: 'available' as const, since: 0, talkMs: 0 }));
  const ringing = new Map<number, Call>();
  const waiting: number[] = [];
  const calls = new Map<number, Call>();
  let nextCall = 0;
  let est: Estimates = initialEstimates(BENCH_PRIORS, run.estimatorConfig);
  // Without setPointFactor: the module's recommended controller (adaptive set point); with it, a fixed
  // set point of abandonTarget × setPointFactor.
  let ctrl: AbandonController =
    run.setPointFactor === undefined
      ? controllerForTarget(run.abandonTarget, run.setPointZ, run.controllerGain)
      : initialController(run.abandonTarget * run.setPointFactor, run.controllerGain);
  const rec: ShiftRecord = { agents: s.agents, shiftMs, dials: 0, handleMs: 0, idleGapsMs: [], live: [] };

  const dial = (now: number): void => {
    const id = nextCall++;
    rec.dials++;
    const sampled = sampleDial(s, rng, now / 3_600_000);
    const live = sampled.kind === 'live';
    const c: Call = { dialAt: now, live, resolveAt: now + sampled.ringMs, answeredAt: -1, waiting: false };
    calls.set(id, c);
    ringing.set(id, c);
    q.push(c.resolveAt, { type: 'resolve', call: id });
  };

  const connect = (agentIdx: number, now: number, delayMs: number): void => {
    const a = agents[agentIdx]!;
    rec.idleGapsMs.push(now - a.since);
    a.state = 'busy';
    a.since = now;
    a.talkMs = sampleTalkMs(s, rng);
    q.push(now + a.talkMs, { type: 'talkEnd', agent: agentIdx });
    rec.live.push({ atMs: now - delayMs, abandoned: false, delayMs });
    ctrl = observeLiveAnswer(ctrl, false, now - delayMs);
  };

  const longestIdle = (): number => {
    let best = -1;
    for (let i = 0; i < agents.length; i++) {
      const a = agents[i]!;
      if (a.state === 'available' && (best < 0 || a.since < agents[best]!.since)) best = i;
    }
    return best;
  };

  const pace = (now: number): void => {
    const snap: AgentSnapshot[] = agents.map((a) =>
      run.handleTimeFromAverage && a.state === 'wrap'
        ? { state: 'busy', elapsedMs: now - a.since + a.talkMs }
        : { state: a.state, elapsedMs: now - a.since },
    );
    const ring = Array.from(ringing.values(), (c) => ({ elapsedMs: now - c.dialAt }));
    const hidden = run.answersReportedAtConnect === true;
    if (hidden) for (const id of waiting) ring.push({ elapsedMs: now - calls.get(id)!.dialAt });
    const n = decide(
      run.policy,
      {
        nowMs: now,
        agents: snap,
        ringing: ring,
        waitingLive: hidden ? 0 : waiting.length,
        ...(hidden && run.policyKnowsAnswersHidden !== false ? { answersReportedAtConnect: true } : {}),
        hardCap,
        abandonTarget: run.abandonTarget,
        graceMs,
      },
      { estimates: est, controller: ctrl },
    );
    for (let i = 0; i < n; i++) dial(now);
  };

  const tickMs = run.decisionIntervalMs ?? 1000;
  q.push(0, { type: 'tick' });
  for (;;) {
    const next = q.pop();
    if (!next || next.at > shiftMs) break;
    const now = next.at;
    const ev = next.event;
    switch (ev.type) {
      case 'tick':
        q.push(now + tickMs, { type: 'tick' });
        break;
      case 'resolve': {
        const c = calls.get(ev.call)!;
        ringing.delete(ev.call);
        if (!c.live) {
          calls.delete(ev.call);
          est = observeOutcome(est, { kind: 'nonLive', atMs: now, durationMs: now - c.dialAt });
          break;
        }
        est = observeOutcome(est, { kind: 'live', atMs: now, ringMs: now - c.dialAt });
        c.answeredAt = now;
        const idx = longestIdle();
        if (idx >= 0) {
          calls.delete(ev.call);
          connect(idx, now, 0);
        } else {
          c.waiting = true;
          waiting.push(ev.call);
          q.push(now + graceMs, { type: 'grace', call: ev.call });
        }
        break;
      }
      case 'grace': {
        const c = calls.get(ev.call);
        if (c && c.waiting) {
          calls.delete(ev.call);
          const i = waiting.indexOf(ev.call);
          if (i >= 0) waiting.splice(i, 1);
          rec.live.push({ atMs: c.answeredAt, abandoned: true, delayMs: 0 });
          ctrl = observeLiveAnswer(ctrl, true, c.answeredAt);
        }
        break;
      }
      case 'talkEnd': {
        const a = agents[ev.agent]!;
        a.state = 'wrap';
        rec.handleMs += now - a.since;
        a.since = now;
        q.push(now + sampleWrapMs(s, rng), { type: 'wrapEnd', agent: ev.agent });
        break;
      }
      case 'wrapEnd': {
        const a = agents[ev.agent]!;
        rec.handleMs += now - a.since;
        est = observeOutcome(est, handledOutcome(run, averageHandleMs, now, a.talkMs, now - a.since));
        a.state = 'available';
        a.since = now;
        const w = waiting.shift();
        if (w !== undefined) {
          const c = calls.get(w)!;
          calls.delete(w);
          c.waiting = false;
          connect(ev.agent, now, now - c.answeredAt);
        }
        break;
      }
    }
    if (run.decisionIntervalMs === undefined || ev.type === 'tick' || ev.type === 'wrapEnd') pace(now);
  }
  // Close the books at shift end: partial handle time and open idle gaps.
  for (const a of agents) {
    if (a.state === 'available') rec.idleGapsMs.push(shiftMs - a.since);
    else rec.handleMs += shiftMs - a.since;
  }
  return rec;
}
