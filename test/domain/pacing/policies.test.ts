import fc from 'fast-check';
import {
  controllerForTarget,
  decide,
  describePolicy,
  fixedRatio,
  initialController,
  initialEstimates,
  observeLiveAnswer,
  observeOutcome,
  type Outcome,
  type PacingState,
  type PolicyConfig,
  predictive,
  progressive,
} from '../../../domain/pacing';

const agentArb = fc.record({
  state: fc.constantFrom('available' as const, 'busy' as const, 'wrap' as const),
  elapsedMs: fc.integer({ min: 0, max: 3_600_000 }),
});

const stateArb: fc.Arbitrary<PacingState> = fc.record({
  nowMs: fc.integer({ min: 0, max: 10 * 3_600_000 }),
  agents: fc.array(agentArb, { maxLength: 60 }),
  ringing: fc.array(fc.record({ elapsedMs: fc.integer({ min: 0, max: 120_000 }) }), { maxLength: 200 }),
  waitingLive: fc.integer({ min: 0, max: 10 }),
  hardCap: fc.integer({ min: 0, max: 400 }),
  abandonTarget: fc.double({ min: 0.001, max: 0.2, noNaN: true }),
  graceMs: fc.integer({ min: 0, max: 5_000 }),
});

const outcomeArb: fc.Arbitrary<Outcome> = fc.oneof(
  fc.record({ kind: fc.constant('live' as const), atMs: fc.integer({ min: 0, max: 1e7 }), ringMs: fc.integer({ min: 0, max: 60_000 }) }),
  fc.record({
    kind: fc.constant('nonLive' as const),
    atMs: fc.integer({ min: 0, max: 1e7 }),
    durationMs: fc.integer({ min: 0, max: 120_000 }),
  }),
  fc.record({
    kind: fc.constant('handled' as const),
    atMs: fc.integer({ min: 0, max: 1e7 }),
    talkMs: fc.integer({ min: 0, max: 3_600_000 }),
    wrapMs: fc.integer({ min: 0, max: 120_000 }),
  }),
);

const policyArb: fc.Arbitrary<PolicyConfig> = fc.oneof(
  fc.integer({ min: 1, max: 5 }).map((n) => progressive(n)),
  fc.double({ min: 0, max: 10, noNaN: true }).map((r) => fixedRatio(r)),
  fc.constant(predictive()),
  fc.constant(predictive({ exactMaxAgents: 0 })),
  fc.constant(predictive({ guardPower: 0, credibleZ: 0 })),
);

const liveArb = fc.array(fc.record({ abandoned: fc.boolean(), atMs: fc.integer({ min: 0, max: 10 * 3_600_000 }) }), { maxLength: 60 });

const knowledgeArb = fc
  .tuple(fc.array(outcomeArb, { maxLength: 40 }), fc.double({ min: 0.001, max: 0.2, noNaN: true }), fc.boolean(), liveArb)
  .map(([outcomes, sp, adaptive, live]) => ({
    estimates: [...outcomes].sort((a, b) => a.atMs - b.atMs).reduce(observeOutcome, initialEstimates()),
    controller: [...live]
      .sort((a, b) => a.atMs - b.atMs)
      .reduce((c, l) => observeLiveAnswer(c, l.abandoned, l.atMs), adaptive ? controllerForTarget(sp) : initialController(sp)),
  }));

function inFlightOf(s: PacingState): number {
  return s.ringing.length + (s.waitingLive ?? 0);
}

describe('pacing decisions', () => {
  test('are integers in [0, hardCap − inFlight] for every policy', () => {
    fc.assert(
      fc.property(policyArb, stateArb, knowledgeArb, (policy, state, knowledge) => {
        const n = decide(policy, state, knowledge);
        expect(Number.isInteger(n)).toBe(true);
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThanOrEqual(Math.max(0, state.hardCap - inFlightOf(state)));
      }),
      { numRuns: 300 },
    );
  });

  test('are deterministic: same inputs, same decision (and inputs are not mutated)', () => {
    fc.assert(
      fc.property(policyArb, stateArb, knowledgeArb, (policy, state, knowledge) => {
        const before = JSON.stringify({ state, knowledge });
        const a = decide(policy, state, knowledge);
        const b = decide(
          policy,
          JSON.parse(JSON.stringify(state)) as PacingState,
          JSON.parse(JSON.stringify(knowledge)) as typeof knowledge,
        );
        expect(a).toBe(b);
        expect(JSON.stringify({ state, knowledge })).toBe(before);
      }),
      { numRuns: 200 },
    );
  });

  test('estimates and controller stay bounded in size, whatever is observed', () => {
    fc.assert(
      fc.property(knowledgeArb, (k) => {
        expect(k.estimates.nonLiveBins.length).toBe(initialEstimates().nonLiveBins.length);
        expect(k.controller.windowLive?.length ?? 60).toBe(60);
        expect(k.controller.windowAbandoned?.length ?? 60).toBe(60);
        expect(JSON.stringify(k).length).toBeLessThan(5000);
      }),
      { numRuns: 100 },
    );
  });

  test('progressive keeps available × calls per representative in flight', () => {
    const knowledge = { estimates: initialEstimates(), controller: initialController(0.03) };
    const state: PacingState = {
      nowMs: 0,
      agents: [
        { state: 'available', elapsedMs: 0 },
        { state: 'available', elapsedMs: 0 },
        { state: 'busy', elapsedMs: 0 },
      ],
      ringing: [{ elapsedMs: 1000 }],
      hardCap: 100,
      abandonTarget: 0.03,
      graceMs: 2000,
    };
    expect(decide(progressive(1), state, knowledge)).toBe(1);
    expect(decide(progressive(3), state, knowledge)).toBe(5);
    expect(decide(fixedRatio(2.5), state, knowledge)).toBe(4);
    expect(decide(progressive(3), { ...state, hardCap: 3 }, knowledge)).toBe(2);
  });

  test('predictive places nothing when every representative is busy for a long time, and dials when idle', () => {
    const knowledge = { estimates: initialEstimates(), controller: initialController(0.03) };
    const busy: PacingState = {
      nowMs: 0,
      agents: Array.from({ length: 10 }, () => ({ state: 'busy' as const, elapsedMs: 0 })),
      ringing: [],
      hardCap: 100,
      abandonTarget: 0.03,
      graceMs: 2000,
    };
    expect(decide(predictive(), busy, knowledge)).toBe(0);
    const idle: PacingState = { ...busy, agents: busy.agents.map(() => ({ state: 'available' as const, elapsedMs: 0 })) };
    // 10 idle representatives and a 20% answer rate: well beyond one call per representative.
    expect(decide(predictive(), idle, knowledge)).toBeGreaterThan(10);
  });

  test('progressive takes 1 to 5 whole calls per representative; a fixed ratio takes any ratio, none below 0', () => {
    expect([progressive(), progressive(0), progressive(2.4), progressive(2.6), progressive(9)].map((p) => p.callsPerRep)).toEqual([
      1, 1, 2, 3, 5,
    ]);
    const knowledge = { estimates: initialEstimates(), controller: initialController(0.03) };
    const tenIdle: PacingState = {
      nowMs: 0,
      agents: Array.from({ length: 10 }, () => ({ state: 'available' as const, elapsedMs: 0 })),
      ringing: [],
      hardCap: 100,
      abandonTarget: 0.03,
      graceMs: 2000,
    };
    // 10 × 1.1 is 11.000000000000002 in floating point: still 11 calls, not 12.
    expect(decide(fixedRatio(1.1), tenIdle, knowledge)).toBe(11);
    expect(decide(fixedRatio(0.25), tenIdle, knowledge)).toBe(3);
    expect(decide(fixedRatio(-2), tenIdle, knowledge)).toBe(0);
    expect(decide(progressive(9), tenIdle, knowledge)).toBe(50);
  });

  test('predictive places nothing without room under the hard cap, or without representatives', () => {
    const knowledge = { estimates: initialEstimates(), controller: initialController(0.03) };
    const idle: PacingState = {
      nowMs: 0,
      agents: Array.from({ length: 4 }, () => ({ state: 'available' as const, elapsedMs: 0 })),
      ringing: [{ elapsedMs: 0 }, { elapsedMs: 0 }],
      hardCap: 2,
      abandonTarget: 0.03,
      graceMs: 2000,
    };
    expect(decide(predictive(), idle, knowledge)).toBe(0);
    expect(decide(predictive(), { ...idle, hardCap: 3 }, knowledge)).toBe(1);
    expect(decide(predictive(), { ...idle, agents: [], hardCap: 100 }, knowledge)).toBe(0);
  });

  test('describes each policy for reports', () => {
    expect(describePolicy(progressive(2))).toBe('progressive ×2');
    expect(describePolicy(fixedRatio(2.25))).toBe('fixed ratio 2.3');
    expect(describePolicy(predictive({ guardPower: 0 }))).toBe('predictive');
    expect(predictive({ guardPower: 0 })).toEqual({ kind: 'predictive', guardPower: 0 });
  });
});
