/**
 * The simulator's stochastic mode: each call's outcome, ring time and (for a live answer) its
 * conversation's talk and wrap-up are drawn from a scenario of the call model (the pure bench's format),
 * from one seeded stream in the order calls are placed, so the same seed and the same calls give the
 * same outcomes. The scenario's answer probability may follow a schedule over the shift, counted from
 * when the mode was switched on.
 */
import { type DialKind, meanHandleMs, mulberry32, type Rng, sampleDial, sampleHandle, type Scenario } from '../domain/callModel';
import type { ScriptedOutcome } from './callScript';
import { RepresentativePool } from './representativePool';

export interface StochasticDraw {
  kind: DialKind;
  outcome: ScriptedOutcome;
  /** A live answer's conversation, should a representative take it. */
  talkMs?: number;
  wrapMs?: number;
  /** How long this callee waits for a representative once answered (the scenario's grace). */
  patienceMs?: number;
}

export interface StochasticStatus {
  scenario: Scenario;
  shiftStartedAt: string;
  /** Hours into the shift now. */
  shiftHour: number;
  dials: number;
  byKind: Record<DialKind, number>;
}

function outcomeOf(kind: DialKind, ringMs: number): ScriptedOutcome {
  switch (kind) {
    case 'live':
      return { state: 'Answered', ringMs };
    case 'machine':
      return { state: 'Answered', ringMs, answeringMachine: true };
    case 'busy':
      return { state: 'Busy', ringMs };
    case 'noAnswer':
      return { state: 'No Answer', ringMs };
  }
}

export class StochasticCalls {
  private readonly rng: Rng;
  private dials = 0;
  private readonly byKind: Record<DialKind, number> = { live: 0, busy: 0, machine: 0, noAnswer: 0 };

  constructor(
    readonly scenario: Scenario,
    readonly shiftStartMs: number,
  ) {
    this.rng = mulberry32(scenario.seed);
  }

  /** The next call's draw, placed at `atMs`. */
  draw(atMs: number): StochasticDraw {
    const s = this.scenario;
    const dial = sampleDial(s, this.rng, this.hourAt(atMs));
    this.dials += 1;
    this.byKind[dial.kind] += 1;
    const draw: StochasticDraw = { kind: dial.kind, outcome: outcomeOf(dial.kind, Math.round(dial.ringMs)) };
    if (dial.kind === 'live') {
      const handle = sampleHandle(s, this.rng);
      draw.talkMs = Math.round(handle.talkMs);
      draw.wrapMs = Math.round(handle.wrapMs);
      draw.patienceMs = s.graceSeconds * 1000;
    }
    return draw;
  }

  hourAt(atMs: number): number {
    return Math.max(0, atMs - this.shiftStartMs) / 3_600_000;
  }

  status(nowMs: number): StochasticStatus {
    return {
      scenario: this.scenario,
      shiftStartedAt: new Date(this.shiftStartMs).toISOString(),
      shiftHour: this.hourAt(nowMs),
      dials: this.dials,
      byKind: { ...this.byKind },
    };
  }

  /** The scenario's representatives, every one free; the average handle time they report is the scenario's mean. */
  representatives(): RepresentativePool {
    return new RepresentativePool({ count: this.scenario.agents, handleMs: Math.round(meanHandleMs(this.scenario)) });
  }
}
