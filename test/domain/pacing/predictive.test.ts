/**
 * The predictive model against an independent reference written from its definition (domain/pacing/predictive.ts's
 * header): per ring-time octile t, Y = free representatives by t + grace (Bernoulli per talking representative),
 * X = waiting live answers + live answers by t of the calls ringing (Bernoulli per call); the exact model's
 * P(Y − X ≤ b) by enumerating every outcome, the normal approximation in closed form. (The decision's search
 * is checked against a linear scan in policies.test.ts, the marginal on hand-made diagnostics in exactModel.test.ts.)
 */
import {
  answerProbability,
  cautiousParameters,
  decide,
  controllerTheta,
  type Estimates,
  initialController,
  initialEstimates,
  liveRingDistribution,
  lognormalCdf,
  marginalAbandonProbability,
  meanWrapMs,
  nonLiveSurvival,
  normalCdf,
  observeOutcome,
  type PacingState,
  type PredictiveDiagnostics,
  predictive,
  predictiveModel,
} from '../../../domain/pacing';
import { NORMAL_OCTILE_MIDPOINTS } from '../../../domain/pacing/distributions';

const base: PacingState = { nowMs: 0, agents: [], ringing: [], hardCap: 30, abandonTarget: 0.03, graceMs: 2000 };

/** Per integration point: free representatives for sure, Bernoulli probabilities of the others, waiting answers, Bernoullis of ringing calls. */
interface Point {
  readonly t: number;
  readonly sure: number;
  readonly ys: number[];
  readonly waiting: number;
  readonly xs: number[];
}

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

function referencePoints(state: PacingState, est: Estimates, z: number): Point[] {
  const c = cautiousParameters(est, z);
  const p = c.answerProbability;
  const ring = liveRingDistribution(est);
  const surv = nonLiveSurvival(est);
  return NORMAL_OCTILE_MIDPOINTS.map((q) => {
    const t = Math.exp(ring.mu + ring.sigma * q);
    let sure = 0;
    const ys: number[] = [];
    for (const a of state.agents) {
      const e = Math.max(0, a.elapsedMs);
      if (a.state === 'available') sure++;
      else if (a.state === 'wrap') {
        if (e + t + state.graceMs >= c.wrapMs) sure++;
      } else {
        // Talking: free by t + grace if the talk ends by t + grace − wrap, given it lasted e.
        const fe = lognormalCdf(c.talk, e);
        if (1 - fe < 1e-9) continue; // talking far beyond the model: never counted free
        ys.push(clamp01((lognormalCdf(c.talk, e + t + state.graceMs - c.wrapMs) - fe) / (1 - fe)));
      }
    }
    const xs: number[] = [];
    // A dialer reporting answers only at connect: with nobody free, an answer of the last grace may be waiting unseen.
    const hiding = state.answersReportedAtConnect === true && state.agents.every((a) => a.state !== 'available');
    for (const r of state.ringing) {
      const e = Math.max(0, r.elapsedMs);
      // Not reported by e: live and answered after e (or, hiding, after e − grace), or non-live and not yet released.
      const answeredFrom = lognormalCdf(ring, hiding ? Math.max(0, e - state.graceMs) : e);
      const still = p * (1 - answeredFrom) + (1 - p) * surv(e);
      if (still < 1e-12) continue;
      // Competing by t: answered in (e, e + t], or already answered and waiting.
      xs.push(clamp01((p * (lognormalCdf(ring, e + t) - answeredFrom)) / still));
    }
    return { t, sure, ys, waiting: Math.max(0, state.waitingLive ?? 0), xs };
  });
}

/** Distribution of sure + Σ Bernoulli(ps), by enumerating every outcome. */
function enumerate(sure: number, ps: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (let mask = 0; mask < 1 << ps.length; mask++) {
    let pr = 1;
    let count = sure;
    ps.forEach((q, i) => {
      if (mask & (1 << i)) {
        pr *= q;
        count++;
      } else pr *= 1 - q;
    });
    out.set(count, (out.get(count) ?? 0) + pr);
  }
  return out;
}

/** P(Y − X ≤ b) for b = 0..agents. */
function referenceSlackCdf(point: Point, agents: number): number[] {
  const y = enumerate(point.sure, point.ys);
  const x = enumerate(Math.floor(point.waiting), point.xs);
  const row: number[] = [];
  for (let b = 0; b <= agents; b++) {
    let acc = 0;
    for (const [yv, py] of y) for (const [xv, px] of x) if (yv - xv <= b) acc += py * px;
    row.push(acc);
  }
  return row;
}

function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/** Exact: mean over points of P(Y − X − B ≤ 0), B ~ Binomial(n − 1, r) the other new calls answered live first. */
function referenceExactMarginal(points: Point[], p: number, n: number): number {
  let sum = 0;
  points.forEach((pt, k) => {
    const r = (p * (k + 0.5)) / points.length;
    const y = enumerate(pt.sure, pt.ys);
    const x = enumerate(Math.floor(pt.waiting), pt.xs);
    for (let j = 0; j <= n - 1; j++) {
      const pb = choose(n - 1, j) * r ** j * (1 - r) ** (n - 1 - j);
      for (const [yv, py] of y) for (const [xv, px] of x) if (yv - xv - j <= 0) sum += pb * py * px;
    }
  });
  return sum / points.length;
}

/** Normal approximation with continuity correction: Φ((0.5 − E[Y − X − B]) / √(Var + floor)). */
function referenceNormalMarginal(points: Point[], p: number, n: number, floor: number): number {
  let sum = 0;
  points.forEach((pt, k) => {
    const r = (p * (k + 0.5)) / points.length;
    const ym = pt.sure + pt.ys.reduce((a, q) => a + q, 0);
    const yv = pt.ys.reduce((a, q) => a + q * (1 - q), 0);
    const xm = pt.waiting + pt.xs.reduce((a, q) => a + q, 0);
    const xv = pt.xs.reduce((a, q) => a + q * (1 - q), 0);
    const mean = ym - xm - (n - 1) * r;
    const variance = yv + xv + (n - 1) * r * (1 - r) + floor;
    sum += normalCdf((0.5 - mean) / Math.sqrt(variance));
  });
  return sum / points.length;
}

function expectModelMatchesReference(state: PacingState, est: Estimates, z: number): PredictiveDiagnostics {
  const ctrl = initialController(0.015);
  const exact = predictiveModel(state, est, ctrl, 50, z);
  const approx = predictiveModel(state, est, ctrl, 0, z);
  const points = referencePoints(state, est, z);
  const p = cautiousParameters(est, z).answerProbability;
  expect(exact.answerProbability).toBe(p);
  expect(exact.theta).toBeCloseTo(controllerTheta(ctrl), 15);
  expect(approx.exactSlackCdf).toBeUndefined();
  for (const m of [exact, approx]) {
    expect(m.free).toHaveLength(8);
    expect(m.competing).toHaveLength(8);
    points.forEach((pt, k) => {
      expect(m.perNewCall[k]).toBeCloseTo((p * (k + 0.5)) / 8, 12);
      expect(m.free[k]!.mean).toBeCloseTo(pt.sure + pt.ys.reduce((a, q) => a + q, 0), 9);
      expect(m.free[k]!.variance).toBeCloseTo(
        pt.ys.reduce((a, q) => a + q * (1 - q), 0),
        9,
      );
      expect(m.competing[k]!.mean).toBeCloseTo(pt.waiting + pt.xs.reduce((a, q) => a + q, 0), 9);
      expect(m.competing[k]!.variance).toBeCloseTo(
        pt.xs.reduce((a, q) => a + q * (1 - q), 0),
        9,
      );
    });
  }
  expect(exact.exactSlackCdf).toHaveLength(8);
  points.forEach((pt, k) => {
    const row = exact.exactSlackCdf![k]!;
    const ref = referenceSlackCdf(pt, state.agents.length);
    expect(row).toHaveLength(ref.length);
    ref.forEach((v, b) => expect(row[b]).toBeCloseTo(v, 9));
  });
  for (let n = 1; n <= 6; n++) {
    expect(marginalAbandonProbability(exact, n)).toBeCloseTo(referenceExactMarginal(points, p, n), 9);
    for (const floor of [0, 0.25, 3])
      expect(marginalAbandonProbability(approx, n, floor)).toBeCloseTo(referenceNormalMarginal(points, p, n, floor), 9);
  }
  expect(marginalAbandonProbability(approx, 4)).toBeCloseTo(referenceNormalMarginal(points, p, 4, 0.25), 9);
  return exact;
}

/** Estimates with a given answer probability and the default durations. */
function withAnswer(p: number, weight = 10): Estimates {
  return { ...initialEstimates(), live: p * weight, notLive: (1 - p) * weight };
}

describe('predictive model against a reference enumeration', () => {
  const est = initialEstimates();

  test('a mixed small team: idle, talking (short and long), wrapping; calls ringing; an answer waiting', () => {
    const state: PacingState = {
      ...base,
      agents: [
        { state: 'available', elapsedMs: 0 },
        { state: 'busy', elapsedMs: 30_000 },
        { state: 'busy', elapsedMs: 200_000 },
        { state: 'wrap', elapsedMs: 3_000 },
      ],
      ringing: [{ elapsedMs: 0 }, { elapsedMs: 5_000 }, { elapsedMs: 20_000 }],
      waitingLive: 1,
    };
    for (const z of [0, 1, 2]) expectModelMatchesReference(state, est, z);
    // The wrapping representative is free by some ring times and not by others.
    const points = referencePoints(state, est, 1);
    expect(points[0]!.sure).toBe(1);
    expect(points[7]!.sure).toBe(2);
  });

  test('learnt estimates (a lower answer rate, longer talks) and negative elapsed times read as 0', () => {
    let e = est;
    for (let i = 0; i < 40; i++) {
      e = observeOutcome(e, { kind: i % 4 === 0 ? 'live' : 'nonLive', atMs: i * 1000, ringMs: 6000, durationMs: 12_000 } as never);
      if (i % 8 === 0) e = observeOutcome(e, { kind: 'handled', atMs: i * 1000, talkMs: 60_000 + i * 3000, wrapMs: 4000 + i * 100 });
    }
    const state: PacingState = {
      ...base,
      graceMs: 3000,
      agents: [
        { state: 'busy', elapsedMs: -5000 },
        { state: 'busy', elapsedMs: 90_000 },
        { state: 'wrap', elapsedMs: -100 },
      ],
      ringing: [{ elapsedMs: -300 }, { elapsedMs: 9_000 }, { elapsedMs: 13_000 }, { elapsedMs: 30_000 }],
      waitingLive: 0.5,
    };
    for (const z of [0, 1]) expectModelMatchesReference(state, e, z);
  });

  test('more live answers than representatives: the exact model truncates X without changing P(Y − X ≤ b)', () => {
    const one: PacingState = {
      ...base,
      agents: [{ state: 'busy', elapsedMs: 60_000 }],
      ringing: [{ elapsedMs: 1000 }, { elapsedMs: 4000 }, { elapsedMs: 8000 }],
      waitingLive: 1,
    };
    expectModelMatchesReference(one, withAnswer(0.9), 1);
    const flooded: PacingState = {
      ...base,
      agents: [
        { state: 'available', elapsedMs: 0 },
        { state: 'busy', elapsedMs: 100_000 },
      ],
      ringing: [{ elapsedMs: 2000 }, { elapsedMs: 6000 }],
      waitingLive: 5,
    };
    const m = expectModelMatchesReference(flooded, withAnswer(0.7), 1);
    // Five waiting for two representatives: the next live answer surely waits.
    for (let n = 1; n <= 4; n++) expect(marginalAbandonProbability(m, n)).toBeCloseTo(1, 12);
    const idleOnly: PacingState = {
      ...base,
      agents: [{ state: 'available', elapsedMs: 0 }],
      ringing: [{ elapsedMs: 3000 }, { elapsedMs: 0 }],
    };
    const m2 = expectModelMatchesReference(idleOnly, withAnswer(0.6), 0);
    expect(m2.exactSlackCdf![3]![0]).toBeGreaterThan(0.05);
  });

  test('a representative talking far beyond the talk distribution is never counted free', () => {
    const state: PacingState = {
      ...base,
      agents: [
        { state: 'available', elapsedMs: 0 },
        { state: 'busy', elapsedMs: 1e12 },
      ],
      ringing: [{ elapsedMs: 2000 }],
    };
    const m = expectModelMatchesReference(state, est, 1);
    for (const f of m.free) expect(f).toEqual({ mean: 1, variance: 0 });
  });

  test('a talking representative sure to be free (f = 1) or sure not to be (before the wrap-up could end)', () => {
    const sureFree: PacingState = { ...base, graceMs: 1e9, agents: [{ state: 'busy', elapsedMs: 10_000 }] };
    const m = expectModelMatchesReference(sureFree, est, 0);
    for (const f of m.free) expect(f).toEqual({ mean: 1, variance: 0 });
    const notYet: PacingState = { ...base, graceMs: 0, agents: [{ state: 'busy', elapsedMs: 10_000 }] };
    const est2 = { ...est, wrapSum: est.wrapW * 1e6 }; // wrap-ups of 1000 s: nobody frees within a ring time
    const m2 = expectModelMatchesReference(notYet, est2, 0);
    for (const f of m2.free) expect(f).toEqual({ mean: 0, variance: 0 });
  });

  test('a ringing call that can no longer be live (answer probability 1, far past every ring time) is left out', () => {
    const state: PacingState = {
      ...base,
      agents: [{ state: 'available', elapsedMs: 0 }],
      ringing: [{ elapsedMs: 1e12 }, { elapsedMs: 3000 }],
    };
    const sure = { ...initialEstimates(), live: 5, notLive: 0 };
    expect(answerProbability(sure)).toBe(1);
    const m = expectModelMatchesReference(state, sure, 1);
    for (const c of m.competing) expect(Number.isFinite(c.mean)).toBe(true);
  });

  test('with answer probability 0 nothing ringing or new ever competes', () => {
    const state: PacingState = {
      ...base,
      agents: [{ state: 'busy', elapsedMs: 5000 }],
      ringing: [{ elapsedMs: 3000 }],
      waitingLive: 1,
    };
    const none = { ...initialEstimates(), live: 0, notLive: 0 };
    const m = expectModelMatchesReference(state, none, 1);
    expectModelMatchesReference(state, withAnswer(0), 0);
    for (const c of m.competing) expect(c).toEqual({ mean: 1, variance: 0 });
    expect(m.perNewCall.every((r) => r === 0)).toBe(true);
  });

  test('a wrapping representative exactly free at the deadline counts as free', () => {
    const ring = liveRingDistribution(est);
    const t0 = Math.exp(ring.mu + ring.sigma * NORMAL_OCTILE_MIDPOINTS[0]!);
    const wrap = meanWrapMs(est);
    let elapsed = wrap - 2000 - t0;
    while (elapsed + t0 + 2000 < wrap) elapsed = elapsed + 1e-9;
    expect(elapsed + t0 + 2000).toBe(wrap);
    const state: PacingState = { ...base, agents: [{ state: 'wrap', elapsedMs: elapsed }] };
    const m = expectModelMatchesReference(state, est, 0);
    expect(m.free[0]).toEqual({ mean: 1, variance: 0 });
    const before = predictiveModel({ ...state, agents: [{ state: 'wrap', elapsedMs: elapsed - 1 }] }, est, initialController(0.015), 50, 0);
    expect(before.free[0]).toEqual({ mean: 0, variance: 0 });
    expect(before.free[1]).toEqual({ mean: 1, variance: 0 });
  });

  test('the exact model is used up to exactMaxAgents representatives inclusive', () => {
    const state: PacingState = {
      ...base,
      agents: [
        { state: 'available', elapsedMs: 0 },
        { state: 'busy', elapsedMs: 1000 },
      ],
    };
    expect(predictiveModel(state, est, initialController(0.015), 2).exactSlackCdf).toBeDefined();
    expect(predictiveModel(state, est, initialController(0.015), 1).exactSlackCdf).toBeUndefined();
  });
});

describe('a dialer that reports answers only at connect (answersReportedAtConnect)', () => {
  const est = initialEstimates();
  const busyTeam: PacingState['agents'] = [
    { state: 'busy', elapsedMs: 40_000 },
    { state: 'busy', elapsedMs: 90_000 },
    { state: 'wrap', elapsedMs: 2_000 },
  ];
  // Within the grace of their dial, past it, and long past the usual ring time.
  const ringing = [{ elapsedMs: 1_000 }, { elapsedMs: 6_000 }, { elapsedMs: 9_000 }, { elapsedMs: 30_000 }];

  test('with nobody free, each ringing call may be an answer waiting unseen: the model matches the reference', () => {
    const state: PacingState = { ...base, agents: busyTeam, ringing, answersReportedAtConnect: true };
    for (const z of [0, 1, 2]) expectModelMatchesReference(state, est, z);
    for (const e of [withAnswer(0.3), withAnswer(0.9, 50)]) expectModelMatchesReference(state, e, 1);
  });

  test('the hidden answers add competition, most for calls that rang past the usual ring time', () => {
    const seen = predictiveModel({ ...base, agents: busyTeam, ringing }, est, initialController(0.015), 50, 0);
    const hidden = predictiveModel(
      { ...base, agents: busyTeam, ringing, answersReportedAtConnect: true },
      est,
      initialController(0.015),
      50,
      0,
    );
    hidden.competing.forEach((c, k) => expect(c.mean).toBeGreaterThan(seen.competing[k]!.mean));
    // One call alone, at each elapsed time: the extra is the chance it was answered in the last grace.
    const extra = (elapsedMs: number) =>
      predictiveModel(
        { ...base, agents: busyTeam, ringing: [{ elapsedMs }], answersReportedAtConnect: true },
        est,
        initialController(0.015),
        50,
        0,
      ).competing[0]!.mean -
      predictiveModel({ ...base, agents: busyTeam, ringing: [{ elapsedMs }] }, est, initialController(0.015), 50, 0).competing[0]!.mean;
    expect(extra(0)).toBeCloseTo(0, 12); // just dialled: it cannot have been answered yet
    expect(extra(9_000)).toBeGreaterThan(0.05);
  });

  test('with a representative free no answer can be waiting (it would have connected): nothing changes', () => {
    const agents: PacingState['agents'] = [...busyTeam, { state: 'available', elapsedMs: 500 }];
    const ctrl = initialController(0.015);
    const plain = predictiveModel({ ...base, agents, ringing }, est, ctrl, 50, 1);
    expect(predictiveModel({ ...base, agents, ringing, answersReportedAtConnect: true }, est, ctrl, 50, 1)).toEqual(plain);
    expectModelMatchesReference({ ...base, agents, ringing, answersReportedAtConnect: true }, est, 1);
  });

  test('the decision holds back while answers may be waiting unseen', () => {
    const knowledge = { estimates: withAnswer(0.3, 200), controller: initialController(0.03) };
    // Ten representatives: three finishing their wrap-up, seven talking; three calls ringing for 7–9 s.
    const team: PacingState['agents'] = Array.from({ length: 10 }, (_, i) =>
      i < 3 ? { state: 'wrap' as const, elapsedMs: 15_000 } : { state: 'busy' as const, elapsedMs: 100_000 + i * 5000 },
    );
    const state: PacingState = { ...base, agents: team, ringing: [{ elapsedMs: 7_000 }, { elapsedMs: 8_000 }, { elapsedMs: 9_000 }] };
    expect(decide(predictive(), state, knowledge)).toBe(2);
    expect(decide(predictive(), { ...state, answersReportedAtConnect: true }, knowledge)).toBe(1);
  });
});
