/** Scenario parameters (JSON or flags) with defaults for the call model. */
export interface DurationSpec {
  /** seconds */
  readonly mean: number;
  readonly cv: number;
}

export interface AnswerStep {
  /** From this hour of the shift on (0 = shift start). */
  readonly fromHour: number;
  readonly p: number;
}

export interface Scenario {
  readonly name: string;
  readonly agents: number;
  /** Probability that a dial is answered by a person: a constant or a piecewise-constant schedule. */
  readonly answerProbability: number | readonly AnswerStep[];
  readonly liveRing: DurationSpec;
  readonly talk: DurationSpec;
  readonly wrapSeconds: number;
  /** Shares of non-live outcomes (normalised): busy/invalid, answering machine, no answer. */
  readonly busyShare: number;
  readonly machineShare: number;
  readonly noAnswerShare: number;
  readonly busySeconds: readonly [number, number];
  readonly machineRing: DurationSpec;
  readonly machineDetectSeconds: number;
  readonly noAnswerSeconds: number;
  readonly graceSeconds: number;
  readonly shiftHours: number;
  readonly seed: number;
  /** Hard cap on calls in flight, per staffed agent. */
  readonly hardCapPerAgent: number;
}

export const SCENARIO_DEFAULTS: Omit<Scenario, 'name' | 'agents' | 'answerProbability' | 'talk' | 'wrapSeconds'> = {
  liveRing: { mean: 8, cv: 0.5 },
  busyShare: 0.2,
  machineShare: 0.3,
  noAnswerShare: 0.5,
  busySeconds: [1, 5],
  machineRing: { mean: 12, cv: 0.5 },
  machineDetectSeconds: 3,
  noAnswerSeconds: 25,
  graceSeconds: 2,
  shiftHours: 8,
  seed: 1,
  hardCapPerAgent: 10,
};

export function withDefaults(raw: Record<string, unknown>, defaults: Record<string, unknown> = {}): Scenario {
  const s = { ...SCENARIO_DEFAULTS, ...defaults, ...raw } as Scenario;
  const problems: string[] = [];
  if (typeof s.name !== 'string') problems.push('name');
  if (!(Number.isInteger(s.agents) && s.agents > 0)) problems.push('agents (positive integer)');
  if (s.answerProbability === undefined) problems.push('answerProbability');
  if (!s.talk || !(s.talk.mean > 0)) problems.push('talk.mean');
  if (!(s.wrapSeconds >= 0)) problems.push('wrapSeconds');
  if (problems.length > 0) throw new Error(`scenario ${String(s.name)}: missing or invalid ${problems.join(', ')}`);
  return s;
}

export function answerProbabilityAt(s: Scenario, hour: number): number {
  if (typeof s.answerProbability === 'number') return s.answerProbability;
  let p = s.answerProbability[0]?.p ?? 0;
  for (const step of s.answerProbability) if (hour >= step.fromHour) p = step.p;
  return p;
}
