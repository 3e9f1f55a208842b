/**
 * The simulator's stochastic mode: seeded and reproducible, and its empirical figures (answer rate,
 * non-live mix, talk time, handle time of the representatives) match the scenario it was given.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseScenario, type Scenario, withDefaults } from '../../domain/callModel';
import { DialerSimulator } from '../../simulator/dialerSimulator';
import { StochasticCalls } from '../../simulator/stochasticCalls';

const T0 = Date.parse('2026-01-01T08:00:00.000Z');

const scenario = (over: Record<string, unknown> = {}): Scenario =>
  withDefaults({
    name: 'test',
    agents: 4,
    answerProbability: 0.3,
    talk: { mean: 120, cv: 1 },
    wrap: { mean: 15, cv: 0.5 },
    wrapSeconds: 0,
    seed: 42,
    ...over,
  });

/** Places `n` calls one second apart on a fresh simulator; returns it and its calls. */
function run(s: Scenario, n: number, spacingMs = 1000) {
  const clock = { now: T0 };
  const dialer = new DialerSimulator(undefined, () => new Date(clock.now), { stochastic: s });
  for (let i = 0; i < n; i++) {
    dialer.placeCall({
      conversationId: `c${i}`,
      project: 'p',
      destination: `+1555099${String(i).padStart(4, '0')}`,
      displayNumber: '+1',
      inputs: {},
    });
    clock.now += spacingMs;
  }
  clock.now += 3600_000;
  const facts = dialer
    .listCalls()
    .map((c) => ({ outcome: c.outcome, drawn: c.drawn, result: dialer.resultOf(c.uniqueId), finishesAt: c.finishesAt.getTime() }));
  return { dialer, facts, clock };
}

describe('stochastic mode', () => {
  test('the same seed gives the same outcomes, ring times, conversations and abandons; another seed does not', () => {
    const a = run(scenario(), 400).facts;
    const b = run(scenario(), 400).facts;
    expect(b).toEqual(a);
    const c = run(scenario({ seed: 43 }), 400).facts;
    expect(c).not.toEqual(a);
    // The representatives took part: some answers connected, some (4 representatives, 1 dial/s) were abandoned.
    expect(a.some((f) => f.result?.state === 'Answered' && !f.result.abandoned && !f.result.answeringMachine)).toBe(true);
    expect(a.some((f) => f.result?.abandoned)).toBe(true);
  });

  test('a reset replays the start scenario from its seed', () => {
    const first = run(scenario(), 50);
    const before = first.facts.map((f) => f.outcome);
    first.dialer.reset();
    for (let i = 0; i < 50; i++)
      first.dialer.placeCall({
        conversationId: `r${i}`,
        project: 'p',
        destination: `+1555098${String(i).padStart(4, '0')}`,
        displayNumber: '+1',
        inputs: {},
      });
    expect(first.dialer.listCalls().map((c) => c.outcome)).toEqual(before);
  });

  test('over many calls the answer rate, the non-live mix and the mean talk and wrap-up times are the configured ones', () => {
    const s = scenario({ answerProbability: 0.3, busyShare: 0.2, machineShare: 0.3, noAnswerShare: 0.5 });
    const calls = new StochasticCalls(s, T0);
    const n = 20_000;
    const draws = Array.from({ length: n }, (_, i) => calls.draw(T0 + i));
    const share = (kind: string) => draws.filter((d) => d.kind === kind).length / n;
    expect(share('live')).toBeCloseTo(0.3, 1);
    expect(Math.abs(share('live') - 0.3)).toBeLessThan(0.015); // 5 standard errors
    expect(Math.abs(share('busy') - 0.7 * 0.2)).toBeLessThan(0.015);
    expect(Math.abs(share('machine') - 0.7 * 0.3)).toBeLessThan(0.015);
    expect(Math.abs(share('noAnswer') - 0.7 * 0.5)).toBeLessThan(0.015);
    const live = draws.filter((d) => d.kind === 'live');
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean(live.map((d) => d.talkMs!)) / 120_000 - 1)).toBeLessThan(0.06); // cv 1, ~6000 draws: 1.3% s.e.
    expect(Math.abs(mean(live.map((d) => d.wrapMs!)) / 15_000 - 1)).toBeLessThan(0.03);
    expect(Math.abs(mean(live.map((d) => d.outcome.ringMs!)) / 8_000 - 1)).toBeLessThan(0.03);
    expect(new Set(draws.filter((d) => d.kind === 'noAnswer').map((d) => d.outcome.ringMs))).toEqual(new Set([25_000]));
    expect(draws.filter((d) => d.kind === 'machine').every((d) => d.outcome.answeringMachine && d.outcome.state === 'Answered')).toBe(true);
    expect(draws.filter((d) => d.kind === 'busy').every((d) => d.outcome.ringMs! >= 1000 && d.outcome.ringMs! <= 5000)).toBe(true);
  });

  test('an answer-probability schedule follows the hours of the shift', () => {
    const calls = new StochasticCalls(
      scenario({
        answerProbability: [
          { fromHour: 0, p: 0.5 },
          { fromHour: 1, p: 0.1 },
        ],
      }),
      T0,
    );
    const rate = (fromMs: number) => {
      const draws = Array.from({ length: 5000 }, (_, i) => calls.draw(fromMs + i * 100));
      return draws.filter((d) => d.kind === 'live').length / draws.length;
    };
    expect(Math.abs(rate(T0) - 0.5)).toBeLessThan(0.03);
    expect(Math.abs(rate(T0 + 3600_000) - 0.1)).toBeLessThan(0.02);
  });

  test("the representatives are the scenario's, busy for each conversation's own talk and wrap-up", () => {
    const s = scenario({ agents: 2, answerProbability: 1, liveRing: { mean: 5, cv: 0 } });
    const clock = { now: T0 };
    const dialer = new DialerSimulator(undefined, () => new Date(clock.now), { stochastic: s });
    const call = dialer.placeCall({ conversationId: 'x', project: 'p', destination: '+15550990000', displayNumber: '+1', inputs: {} });
    expect(dialer.availability('q').representatives).toHaveLength(2);
    const handleMs = call.drawn!.talkMs! + call.drawn!.wrapMs!;
    clock.now = T0 + 5000;
    expect(dialer.resultOf(call.uniqueId)).toMatchObject({ state: 'Answered', abandoned: false, waitMs: 0 });
    clock.now = T0 + 5000 + handleMs - 1;
    expect(dialer.availability('q').representatives.filter((r) => r.state === 'busy')).toEqual([
      { state: 'busy', elapsedMs: handleMs - 1 },
    ]);
    clock.now = T0 + 5000 + handleMs;
    expect(dialer.availability('q').representatives.every((r) => r.state === 'available')).toBe(true);
    expect(dialer.availability('q').averageHandleMs).toBe(135_000);
  });

  test("a callee waits no longer than the scenario's grace, nor than the call's abandon seconds", () => {
    const s = scenario({ agents: 1, answerProbability: 1, liveRing: { mean: 5, cv: 0 }, graceSeconds: 1 });
    const clock = { now: T0 };
    const dialer = new DialerSimulator(undefined, () => new Date(clock.now), { stochastic: s });
    const place = (id: string, inputs: Record<string, string> = {}) =>
      dialer.placeCall({ conversationId: id, project: 'p', destination: `+1555097${id}`, displayNumber: '+1', inputs });
    place('0001');
    const second = place('0002', { _AbandonSeconds: '30' });
    clock.now = T0 + 60_000;
    expect(dialer.resultOf(second.uniqueId)).toMatchObject({ state: 'Answered', abandoned: true });
    expect(second.abandonedAt?.getTime()).toBe(T0 + 5000 + 1000);
  });

  test('numbers the script lists keep their scripted outcome; switched off, outcomes are scripted again', () => {
    const clock = { now: T0 };
    const dialer = new DialerSimulator(undefined, () => new Date(clock.now), { stochastic: scenario({ answerProbability: 0 }) });
    const place = (id: string, destination: string) =>
      dialer.placeCall({ conversationId: id, project: 'p', destination, displayNumber: '+1', inputs: {} });
    expect(place('a', '+15550100001').outcome).toEqual({ state: 'Answered', ringMs: 300 });
    expect(place('b', '+15550990001').drawn).toBeDefined();
    expect(dialer.getStochastic()).toMatchObject({ dials: 1, scenario: { name: 'test', seed: 42 } });
    dialer.setStochastic(null);
    expect(place('c', '+15550990002')).toMatchObject({ outcome: { state: 'Answered', ringMs: 300 } });
    expect(dialer.getStochastic()).toBeNull();
  });

  test("the pure bench's scenario file drives it: a scenario picked by name, with the file's defaults", () => {
    const file = readFileSync(path.join(__dirname, '../../bench/pacing/scenarios.json'), 'utf8');
    const s = parseScenario(file, 'collections', { seed: 9 });
    expect(s).toMatchObject({ name: 'collections', agents: 25, answerProbability: 0.3, seed: 9, noAnswerSeconds: 25 });
    expect(parseScenario(file).name).toBe('small sales');
    expect(() => parseScenario(file, 'nope')).toThrow(/no scenario named "nope"/);
    expect(() => parseScenario(JSON.stringify({ agents: 0, answerProbability: 2, talk: { mean: 1, cv: 0 }, wrapSeconds: 0 }))).toThrow(
      /agents.*answerProbability/,
    );
  });
});
