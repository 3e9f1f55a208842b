/**
 * The call model of a shift, one format for the pure pacing bench and the simulator's stochastic mode
 * (a scenario file drives both): who answers and when, how long the rest ring, how long
 * representatives talk and wrap up, how long an answered caller waits. Durations are in seconds.
 */
export interface DurationSpec {
  /** seconds */
  readonly mean: number;
  /** Coefficient of variation of a lognormal; 0 is the constant mean. */
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
  /** Wrap-up after each conversation; a constant unless `wrap` gives a distribution. */
  readonly wrapSeconds: number;
  /** Wrap-up as a lognormal distribution; overrides `wrapSeconds` when given. */
  readonly wrap?: DurationSpec;
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

const isDuration = (d: unknown): boolean =>
  typeof d === 'object' && d !== null && (d as DurationSpec).mean > 0 && (d as DurationSpec).cv >= 0;
const isProbability = (p: unknown): boolean => typeof p === 'number' && p >= 0 && p <= 1;

/** A scenario from its raw fields over the file's defaults and SCENARIO_DEFAULTS; throws naming every bad field. */
export function withDefaults(raw: Record<string, unknown>, defaults: Record<string, unknown> = {}): Scenario {
  const s = { ...SCENARIO_DEFAULTS, ...defaults, ...raw } as Scenario;
  const problems: string[] = [];
  if (typeof s.name !== 'string') problems.push('name');
  if (!(Number.isInteger(s.agents) && s.agents > 0)) problems.push('agents (positive integer)');
  const p = s.answerProbability;
  if (!(isProbability(p) || (Array.isArray(p) && p.length > 0 && p.every((x: AnswerStep) => x.fromHour >= 0 && isProbability(x.p)))))
    problems.push('answerProbability (0..1, or [{fromHour, p}, ...])');
  if (!s.talk || !(s.talk.mean > 0)) problems.push('talk.mean');
  if (!(s.wrapSeconds >= 0)) problems.push('wrapSeconds');
  for (const key of ['liveRing', 'machineRing'] as const) if (!isDuration(s[key])) problems.push(`${key} ({mean > 0, cv >= 0})`);
  if (s.wrap !== undefined && !isDuration(s.wrap)) problems.push('wrap ({mean > 0, cv >= 0})');
  const shares = [s.busyShare, s.machineShare, s.noAnswerShare];
  if (!shares.every((x) => typeof x === 'number' && x >= 0) || shares.reduce((a, b) => a + b, 0) <= 0)
    problems.push('busyShare/machineShare/noAnswerShare (≥ 0, not all 0)');
  if (!(Array.isArray(s.busySeconds) && s.busySeconds.length === 2 && s.busySeconds[0] >= 0 && s.busySeconds[1] >= s.busySeconds[0]))
    problems.push('busySeconds ([lo, hi])');
  for (const key of ['machineDetectSeconds', 'noAnswerSeconds', 'graceSeconds'] as const) if (!(s[key] >= 0)) problems.push(key);
  if (!(s.shiftHours > 0)) problems.push('shiftHours');
  if (!Number.isInteger(s.seed)) problems.push('seed (integer)');
  if (problems.length > 0) throw new Error(`scenario ${String(s.name)}: missing or invalid ${problems.join(', ')}`);
  return s;
}

export function answerProbabilityAt(s: Pick<Scenario, 'answerProbability'>, hour: number): number {
  if (typeof s.answerProbability === 'number') return s.answerProbability;
  let p = s.answerProbability[0]?.p ?? 0;
  for (const step of s.answerProbability) if (hour >= step.fromHour) p = step.p;
  return p;
}

/** The wrap-up distribution: `wrap` when given, else the constant `wrapSeconds`. */
export function wrapSpec(s: Pick<Scenario, 'wrap' | 'wrapSeconds'>): DurationSpec {
  return s.wrap ?? { mean: s.wrapSeconds, cv: 0 };
}

/** Mean handle time (talk + wrap-up) in ms: what an availability service reports as the average. */
export function meanHandleMs(s: Pick<Scenario, 'talk' | 'wrap' | 'wrapSeconds'>): number {
  return (s.talk.mean + wrapSpec(s).mean) * 1000;
}

/** A scenario file (bench/pacing/scenarios.json): shared defaults, the scenarios, and the bench's policies. */
export interface ScenarioFile {
  defaults?: Record<string, unknown>;
  scenarios: Record<string, unknown>[];
  policies?: unknown[];
}

/** Every scenario of a file with the file's defaults, each overridden by `overrides`. */
export function scenariosOf(file: ScenarioFile, overrides: Record<string, unknown> = {}): Scenario[] {
  if (!Array.isArray(file.scenarios)) throw new Error('a scenario file needs a "scenarios" array');
  return file.scenarios.map((raw) => withDefaults({ ...raw, ...overrides }, file.defaults));
}

/**
 * One scenario from JSON text: a scenario file (its scenario named `name`, or its first) or a single
 * scenario object (missing fields from the defaults).
 */
export function parseScenario(json: string, name?: string, overrides: Record<string, unknown> = {}): Scenario {
  const value = JSON.parse(json) as unknown;
  if (typeof value !== 'object' || value === null) throw new Error('a scenario must be a JSON object');
  if (!('scenarios' in value)) return withDefaults({ name: 'scenario', ...(value as Record<string, unknown>), ...overrides });
  const all = scenariosOf(value as ScenarioFile, overrides);
  const found = name === undefined ? all[0] : all.find((s) => s.name === name);
  if (!found)
    throw new Error(`no scenario ${name === undefined ? '' : `named "${name}" `}in the file (${all.map((s) => s.name).join(', ')})`);
  return found;
}
