import fc from 'fast-check';
import {
  type AbandonController,
  controllerForTarget,
  controllerTheta,
  decide,
  describePolicy,
  type Estimates,
  fixedRatio,
  guardFactor,
  initialController,
  initialEstimates,
  marginalAbandonProbability,
  observeLiveAnswer,
  observeOutcome,
  type Outcome,
  type PacingState,
  type PolicyConfig,
  predictive,
  type PredictiveConfig,
  predictiveDecision,
  predictiveModel,
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

const pbase: PacingState = { nowMs: 0, agents: [], ringing: [], hardCap: 30, abandonTarget: 0.03, graceMs: 2000 };

/** Estimates with a given answer probability and the default durations. */
function withAnswer(p: number, weight = 10): Estimates {
  return { ...initialEstimates(), live: p * weight, notLive: (1 - p) * weight };
}

describe('predictive decision: the largest acceptable number of calls', () => {
  /** Largest n ≤ room whose marginal abandon probability (and every smaller one's) stays within θ × guard. */
  function linearScan(cfg: PredictiveConfig, state: PacingState, est: Estimates, ctrl: AbandonController): number {
    const room = state.hardCap - state.ringing.length - Math.floor(state.waitingLive ?? 0);
    const model = predictiveModel(state, est, ctrl, cfg.exactMaxAgents ?? 50, cfg.credibleZ ?? 1);
    const m = { ...model, theta: controllerTheta(ctrl) * guardFactor(cfg, state, est, ctrl) };
    let n = 0;
    while (n < room && marginalAbandonProbability(m, n + 1, cfg.varianceFloor ?? 0.25) <= m.theta) n++;
    return n;
  }

  const team: PacingState = {
    ...pbase,
    hardCap: 14,
    agents: [
      { state: 'available', elapsedMs: 0 },
      { state: 'available', elapsedMs: 0 },
      { state: 'busy', elapsedMs: 90_000 },
      { state: 'busy', elapsedMs: 20_000 },
      { state: 'wrap', elapsedMs: 6_000 },
    ],
    ringing: [{ elapsedMs: 1000 }, { elapsedMs: 7000 }],
  };

  test('is the linear scan of the model, for several controllers, configurations and states', () => {
    const est = initialEstimates();
    const decisions = new Map<string, number>();
    const configs: [string, PredictiveConfig][] = [
      ['default', predictive()],
      ['normal', predictive({ exactMaxAgents: 0 })],
      ['normal, wide floor', predictive({ exactMaxAgents: 0, varianceFloor: 4 })],
      ['normal above 3', predictive({ exactMaxAgents: 3 })],
      ['point estimates', predictive({ credibleZ: 0 })],
      ['very cautious', predictive({ credibleZ: 3 })],
    ];
    for (const theta of [0.002, 0.02, 0.1, 0.3])
      for (const [name, cfg] of configs) {
        const ctrl = initialController(0.015, 0.004, theta);
        const d = predictiveDecision(cfg, team, est, ctrl);
        expect(d).toBe(linearScan(cfg, team, est, ctrl));
        decisions.set(`${name} ${theta}`, d);
      }
    // The configurations matter (so the scan checks that each reaches the model).
    expect(decisions.get('default 0.1')).not.toBe(decisions.get('normal 0.1'));
    expect(decisions.get('normal 0.1')).not.toBe(decisions.get('normal, wide floor 0.1'));
    expect(decisions.get('normal above 3 0.1')).toBe(decisions.get('normal 0.1'));
    expect(decisions.get('default 0.1')).not.toBe(decisions.get('point estimates 0.1'));
    expect(decisions.get('default 0.1')).not.toBe(decisions.get('very cautious 0.1'));
    const waiting = { ...team, waitingLive: 1, hardCap: 20 };
    for (const theta of [0.01, 0.05, 0.2, 0.5]) {
      const ctrl = initialController(0.015, 0.004, theta);
      expect(predictiveDecision(predictive(), waiting, est, ctrl)).toBe(linearScan(predictive(), waiting, est, ctrl));
    }
  });

  test('a guard of 0 (the hour over budget) still dials the calls that cannot be abandoned', () => {
    const est = initialEstimates();
    let c = controllerForTarget(0.03);
    for (let i = 0; i < 8; i++) c = observeLiveAnswer(c, true, 25 * 60_000 + i * 1000);
    const idle: PacingState = {
      ...pbase,
      nowMs: 30 * 60_000,
      agents: [
        { state: 'available', elapsedMs: 0 },
        { state: 'available', elapsedMs: 0 },
        { state: 'available', elapsedMs: 0 },
      ],
    };
    expect(guardFactor(predictive(), idle, est, c)).toBe(0);
    // Three idle representatives: the first three new calls always find one.
    expect(predictiveDecision(predictive(), idle, est, c)).toBe(3);
    expect(predictiveDecision(predictive(), idle, est, c)).toBe(linearScan(predictive(), idle, est, c));
  });

  test('answer probability 0: every call fits (nobody will answer); no representatives or no room: none', () => {
    const busy: PacingState = { ...pbase, hardCap: 9, agents: [{ state: 'busy', elapsedMs: 1000 }], ringing: [{ elapsedMs: 0 }] };
    const ctrl = controllerForTarget(0.03);
    const none = { ...initialEstimates(), live: 0, notLive: 0 };
    expect(predictiveDecision(predictive(), busy, none, ctrl)).toBe(8);
    expect(predictiveDecision(predictive({ credibleZ: 0 }), busy, withAnswer(0), ctrl)).toBe(8);
    expect(predictiveDecision(predictive(), busy, withAnswer(0.3), ctrl)).toBe(0);
    expect(predictiveDecision(predictive(), { ...busy, agents: [] }, none, ctrl)).toBe(0);
    const idle: PacingState = {
      ...pbase,
      hardCap: 2,
      agents: [{ state: 'available', elapsedMs: 0 }],
      ringing: [{ elapsedMs: 1e9 }, { elapsedMs: 1e9 }],
    };
    // The calls ringing are long past any answer: only the cap holds the new call back.
    expect(predictiveDecision(predictive(), idle, withAnswer(0.3), ctrl)).toBe(0);
    expect(predictiveDecision(predictive(), { ...idle, hardCap: 3 }, withAnswer(0.3), ctrl)).toBe(1);
  });
});
