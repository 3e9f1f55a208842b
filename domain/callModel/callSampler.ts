/**
 * Draws of the call model: what one dial turns into and how long one conversation keeps a
 * representative. The bench's simulation and the simulator's stochastic mode draw through these, in
 * this order, so one scenario and one seed give both the same calls.
 */
import { lognormal, type Rng, uniform } from './random';
import { answerProbabilityAt, type Scenario, wrapSpec } from './scenario';

export type DialKind = 'live' | 'busy' | 'machine' | 'noAnswer';

export interface SampledDial {
  kind: DialKind;
  /** From the dial to its resolution: a live answer, the busy tone, the machine detected, or giving up. */
  ringMs: number;
}

export interface SampledHandle {
  talkMs: number;
  wrapMs: number;
}

/** One dial `hour` hours into the shift. */
export function sampleDial(s: Scenario, rng: Rng, hour: number): SampledDial {
  if (rng() < answerProbabilityAt(s, hour)) return { kind: 'live', ringMs: lognormal(rng, s.liveRing.mean, s.liveRing.cv) * 1000 };
  const u = rng() * (s.busyShare + s.machineShare + s.noAnswerShare);
  if (u < s.busyShare) return { kind: 'busy', ringMs: uniform(rng, s.busySeconds[0], s.busySeconds[1]) * 1000 };
  if (u < s.busyShare + s.machineShare)
    return { kind: 'machine', ringMs: (lognormal(rng, s.machineRing.mean, s.machineRing.cv) + s.machineDetectSeconds) * 1000 };
  return { kind: 'noAnswer', ringMs: s.noAnswerSeconds * 1000 };
}

export function sampleTalkMs(s: Scenario, rng: Rng): number {
  return lognormal(rng, s.talk.mean, s.talk.cv) * 1000;
}

export function sampleWrapMs(s: Scenario, rng: Rng): number {
  const w = wrapSpec(s);
  return lognormal(rng, w.mean, w.cv) * 1000;
}

/** One conversation's handle time: talk, then wrap-up. */
export function sampleHandle(s: Scenario, rng: Rng): SampledHandle {
  const talkMs = sampleTalkMs(s, rng);
  return { talkMs, wrapMs: sampleWrapMs(s, rng) };
}
