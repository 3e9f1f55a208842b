import {
  answeredAfterMs,
  DEFAULT_PACING_RULES,
  dialModeAllowance,
  type DispatchSnapshot,
  type EngagementAtTick,
  initialCarry,
  learn,
  type PacingOutcomeRow,
  pausesDue,
  planGrants,
  poolAbandonTarget,
  poolAtTick,
  poolMayIdle,
  steer,
} from '../../../domain/dispatch';
import { controllerForTarget, initialEstimates, observeLiveAnswer, observeOutcome } from '../../../domain/pacing';

const noFigures = { liveAnswers: 0, abandonmentReported: 0, abandoned: 0, averageWaitMs: null, calls: 0, failedCalls: 0 };

function engagement(id: string, over: Partial<EngagementAtTick> = {}): EngagementAtTick {
  return {
    engagementId: id,
    state: 'active',
    reason: null,
    priority: 'Normal',
    callOrder: 'fifo',
    retryPriority: 'same',
    dialMode: 'progressive',
    dialModeSettings: { callsPerRepresentative: 1, maxConcurrentAiCalls: 3, allowOutsideQueueHours: false },
    abandonmentSeconds: 2,
    pacingRules: DEFAULT_PACING_RULES,
    waiting: 0,
    offered: 0,
    inFlight: 0,
    figures: noFigures,
    ...over,
  };
}

function snapshot(engagements: EngagementAtTick[], over: Partial<DispatchSnapshot> = {}): DispatchSnapshot {
  return {
    nowMs: 1_000_000,
    withinOperatingHours: true,
    agents: Array.from({ length: 4 }, () => ({ state: 'available' as const, elapsedMs: 1000 })),
    ringingMs: [],
    placing: 0,
    offers: 0,
    inFlight: engagements.reduce((n, e) => n + e.inFlight, 0),
    engagements,
    outcomes: [],
    ...over,
  };
}

const rules = (abandonmentCapPercent: number) => ({ pacingRules: { ...DEFAULT_PACING_RULES, abandonmentCapPercent } });
const knowledge = () => ({ estimates: initialEstimates(), controller: controllerForTarget(0.03) });

describe('learn', () => {
  const live = (id: string, abandoned: boolean): PacingOutcomeRow => ({ id, atMs: 1000 * Number(id), ringMs: 4000, live: true, abandoned });
  const nonLive = (id: string): PacingOutcomeRow => ({ id, atMs: 1000 * Number(id), ringMs: 20_000, live: false, abandoned: false });

  test('no outcomes: nothing learnt, the cursor stays', () => {
    const memory = { ...knowledge(), outcomeCursor: '7' };
    expect(learn(memory, { outcomes: [] })).toEqual(memory);
  });

  test('folds the outcomes oldest first into the estimates and the controller, and moves the cursor past the last', () => {
    const start = { ...knowledge(), outcomeCursor: '0' };
    const outcomes = [live('1', false), nonLive('2'), live('3', true)];
    let estimates = start.estimates;
    estimates = observeOutcome(estimates, { kind: 'live', atMs: 1000, ringMs: 4000 });
    estimates = observeOutcome(estimates, { kind: 'handled', atMs: 1000, talkMs: 180_000, wrapMs: 0 });
    estimates = observeOutcome(estimates, { kind: 'nonLive', atMs: 2000, durationMs: 20_000 });
    estimates = observeOutcome(estimates, { kind: 'live', atMs: 3000, ringMs: 4000 });
    const controller = observeLiveAnswer(observeLiveAnswer(start.controller, false, 1000), true, 3000);
    expect(learn(start, { outcomes, averageHandleMs: 180_000 })).toEqual({ estimates, controller, outcomeCursor: '3' });
  });

  test('without an average handle time from availability, a connected answer teaches no handle time', () => {
    const start = { ...knowledge(), outcomeCursor: '0' };
    const learnt = learn(start, { outcomes: [live('1', false)] });
    expect(learnt.estimates).toEqual(observeOutcome(start.estimates, { kind: 'live', atMs: 1000, ringMs: 4000 }));
    expect(learnt.outcomeCursor).toBe('1');
  });

  test('a live answer of unknown abandonment teaches the answer rate and handle time, not the controller', () => {
    const start = { ...knowledge(), outcomeCursor: '0' };
    const unknown: PacingOutcomeRow = { id: '1', atMs: 1000, ringMs: 4000, live: true, abandoned: null };
    const learnt = learn(start, { outcomes: [unknown], averageHandleMs: 180_000 });
    expect(learnt.controller).toEqual(start.controller);
    let estimates = observeOutcome(start.estimates, { kind: 'live', atMs: 1000, ringMs: 4000 });
    estimates = observeOutcome(estimates, { kind: 'handled', atMs: 1000, talkMs: 180_000, wrapMs: 0 });
    expect(learnt.estimates).toEqual(estimates);
    expect(learnt.outcomeCursor).toBe('1');
    // Counted as "not abandoned" it would have moved the controller.
    expect(observeLiveAnswer(start.controller, false, 1000)).not.toEqual(start.controller);
  });
});

describe('answeredAfterMs: the ring before the answer, from an outcome recorded at its connect or abandon', () => {
  const engagements = [engagement('e1', { abandonmentSeconds: 3 })];
  const outcome = (over: Partial<PacingOutcomeRow>): PacingOutcomeRow => ({
    id: '1',
    atMs: 0,
    ringMs: 10_000,
    live: true,
    abandoned: false,
    engagementId: 'e1',
    ...over,
  });

  test('a connected answer: the dialer reported how long it waited for its representative', () => {
    expect(answeredAfterMs(outcome({ waitMs: 1_500 }), engagements)).toBe(8_500);
    expect(answeredAfterMs(outcome({ waitMs: null }), engagements)).toBe(10_000); // not said: taken as no wait
  });

  test("an abandoned answer waited its engagement's abandonment seconds", () => {
    expect(answeredAfterMs(outcome({ abandoned: true }), engagements)).toBe(7_000);
    expect(answeredAfterMs(outcome({ abandoned: true, engagementId: 'gone' }), engagements)).toBe(10_000);
    expect(answeredAfterMs(outcome({ abandoned: true, ringMs: 2_000 }), engagements)).toBe(0);
  });

  test('an outcome recorded before these fields were read (a replayed snapshot) is learnt as it was', () => {
    const old: PacingOutcomeRow = { id: '1', atMs: 0, ringMs: 10_000, live: true, abandoned: true };
    expect(answeredAfterMs(old, engagements)).toBe(10_000);
    const start = { ...knowledge(), outcomeCursor: '0' };
    expect(learn(start, { outcomes: [old], engagements }).estimates).toEqual(
      observeOutcome(start.estimates, { kind: 'live', atMs: 0, ringMs: 10_000 }),
    );
  });

  test('handleTimeWithSpread: the average handle time is learnt with the prior spread; without it (replays), as before', () => {
    const start = { ...knowledge(), outcomeCursor: '0' };
    const o = outcome({ waitMs: 0 });
    const spread = learn(start, { outcomes: [o], averageHandleMs: 150_000, engagements }, { handleTimeWithSpread: true });
    const asBefore = learn(start, { outcomes: [o], averageHandleMs: 150_000, engagements });
    const live = observeOutcome(start.estimates, { kind: 'live', atMs: 0, ringMs: 10_000 });
    expect(spread.estimates).toEqual(observeOutcome(live, { kind: 'handledOnAverage', atMs: 0, handleMs: 150_000 }));
    expect(asBefore.estimates).toEqual(observeOutcome(live, { kind: 'handled', atMs: 0, talkMs: 150_000, wrapMs: 0 }));
  });

  test('learn feeds the estimator the ring before the answer', () => {
    const start = { ...knowledge(), outcomeCursor: '0' };
    const learnt = learn(start, { outcomes: [outcome({ waitMs: 4_000 }), outcome({ id: '2', abandoned: true })], engagements });
    let estimates = observeOutcome(start.estimates, { kind: 'live', atMs: 0, ringMs: 6_000 });
    estimates = observeOutcome(estimates, { kind: 'live', atMs: 0, ringMs: 7_000 });
    expect(learnt.estimates).toEqual(estimates);
  });
});

describe('a dialer that reports answers only at connect', () => {
  test('the snapshot says so, and the pool as the dial modes see it passes it on to pacing', () => {
    expect(poolAtTick(snapshot([], { answersReportedAtConnect: true })).answersReportedAtConnect).toBe(true);
    expect(poolAtTick(snapshot([])).answersReportedAtConnect).toBeUndefined();
  });

  test('predictive grants fewer while every representative is busy and calls have rung past the usual ring time', () => {
    const agents = Array.from({ length: 10 }, (_, i) =>
      i < 3 ? { state: 'wrap' as const, elapsedMs: 15_000 } : { state: 'busy' as const, elapsedMs: 100_000 + i * 5000 },
    );
    const k = {
      estimates: { ...initialEstimates(), live: 60, notLive: 140 },
      controller: controllerForTarget(0.03),
    };
    const config = { dialMode: 'predictive' as const, settings: engagement('p').dialModeSettings, abandonTarget: 0.03, abandonSeconds: 2 };
    const pool = poolAtTick(snapshot([], { agents, ringingMs: [7_000, 8_000, 9_000] }));
    const told = dialModeAllowance(config, { ...pool, answersReportedAtConnect: true }, k);
    expect(told).toBeLessThan(dialModeAllowance(config, pool, k));
  });
});

describe('steering the abandonment controller', () => {
  test.each([
    { caps: [], target: undefined },
    { caps: [3], target: 0.03 },
    { caps: [3, 1.5, 5], target: 0.015 },
  ])('the pool target of caps $caps is $target', ({ caps, target }) => {
    const found = poolAbandonTarget(caps.map((c) => rules(c)));
    if (target === undefined) expect(found).toBeUndefined();
    else expect(found).toBeCloseTo(target, 12);
  });

  test('a new pool aims at the default pacing rules cap', () => {
    expect(initialCarry().controller).toEqual(controllerForTarget(DEFAULT_PACING_RULES.abandonmentCapPercent / 100));
  });

  test('no engagements, or the same target: the controller and what it learnt are kept', () => {
    const learnt = observeLiveAnswer(controllerForTarget(0.03), true, 1000);
    expect(steer(learnt, [])).toBe(learnt);
    expect(steer(learnt, [engagement('a', rules(3)), engagement('b', rules(4))])).toBe(learnt);
  });

  test('a stricter engagement joining rebuilds the controller for its cap', () => {
    const learnt = observeLiveAnswer(controllerForTarget(0.03), true, 1000);
    expect(steer(learnt, [engagement('a', rules(3)), engagement('b', rules(1))])).toEqual(controllerForTarget(0.01));
  });
});

describe('pause rules due', () => {
  const overCap = { ...noFigures, liveAnswers: 40, abandonmentReported: 40, abandoned: 4 };
  test.each([
    { name: 'active, abandonment over the cap', e: engagement('a', { figures: overCap }), due: true },
    { name: 'paused already', e: engagement('a', { state: 'paused', figures: overCap }), due: false },
    { name: 'under the cap', e: engagement('a', { figures: { ...overCap, abandoned: 1 } }), due: false },
    {
      name: 'AI-led, a failed call under "immediately"',
      e: engagement('a', {
        dialMode: 'ai-agent',
        pacingRules: { ...DEFAULT_PACING_RULES, aiFailure: { stop: 'immediately', ratePercent: 5 } },
        figures: { ...noFigures, calls: 10, failedCalls: 1 },
      }),
      due: true,
    },
  ])('$name: due $due', ({ e, due }) => {
    const found = pausesDue([e]);
    expect(found.map((d) => d.engagementId)).toEqual(due ? ['a'] : []);
    if (due) expect(found[0]!.reason).toMatch(/./);
  });
});

describe('grants', () => {
  test('progressive: one call per available representative, up to the deliveries waiting', () => {
    const plan = planGrants(snapshot([engagement('a', { waiting: 10 })]), knowledge());
    expect(plan).toEqual({
      grants: [{ engagementId: 'a', count: 4, kind: 'dial', callOrder: 'fifo', retryPriority: 'same' }],
      roundRobinAfter: 'a',
    });
  });

  test('preview engagements get offers, with their call order and retry priority', () => {
    const e = engagement('p', { dialMode: 'preview', waiting: 2, callOrder: 'lifo', retryPriority: 'higher' });
    expect(planGrants(snapshot([e]), knowledge()).grants).toEqual([
      { engagementId: 'p', count: 2, kind: 'offer', callOrder: 'lifo', retryPriority: 'higher' },
    ]);
  });

  test("an AI agent grant carries its pool's in-flight limit (its claim re-counts the slots held); other modes' carry none", () => {
    const ai = engagement('ai', { dialMode: 'ai-agent', waiting: 5, inFlight: 1 });
    const [grant] = planGrants(snapshot([ai], { inFlight: 1 }), knowledge()).grants;
    expect(grant).toStrictEqual({
      engagementId: 'ai',
      count: 2,
      kind: 'dial',
      callOrder: 'fifo',
      retryPriority: 'same',
      poolInFlightLimit: 3,
    });
    for (const dialMode of ['progressive', 'preview'] as const) {
      const [g] = planGrants(snapshot([engagement('r', { dialMode, waiting: 5 })]), knowledge()).grants;
      expect(g).not.toHaveProperty('poolInFlightLimit');
    }
  });

  test.each([
    { name: 'outside operating hours', over: { withinOperatingHours: false } },
    { name: 'availability unknown', over: { availabilityError: 'availability service down' } },
  ])('$name: nothing is granted', ({ over }) => {
    expect(planGrants(snapshot([engagement('a', { waiting: 10 })], over), knowledge()).grants).toEqual([]);
  });

  test('strict priority: a higher-priority engagement takes every slot; a paused one takes none', () => {
    const snap = snapshot([
      engagement('low', { waiting: 5 }),
      engagement('high', { priority: 'High', waiting: 5 }),
      engagement('top', { priority: 'Critical', state: 'paused', waiting: 5 }),
    ]);
    expect(planGrants(snap, knowledge()).grants.map((g) => [g.engagementId, g.count])).toEqual([['high', 4]]);
  });

  test('a queue-share rule holds an engagement back; round-robin resumes after the last engagement served', () => {
    const share = { pacingRules: { ...DEFAULT_PACING_RULES, maxQueueSharePercent: 25 } };
    const snap = snapshot([engagement('a', { waiting: 5, ...share }), engagement('b', { waiting: 5 })]);
    const plan = planGrants(snap, knowledge());
    expect(plan.grants.map((g) => [g.engagementId, g.count])).toEqual([
      ['a', 1],
      ['b', 3],
    ]);
    expect(plan.roundRobinAfter).toBe('b');
    // Resuming after "a", "b" is served first and uses up the one slot a's share allowed this tick.
    expect(planGrants(snap, knowledge(), 'a').grants.map((g) => [g.engagementId, g.count])).toEqual([['b', 4]]);
  });
});

describe('the pool as the dial modes see it', () => {
  test('ringing calls keep how long they have rung; placing slots, offers and calls in flight are passed on', () => {
    const snap = snapshot([engagement('a', { waiting: 3, inFlight: 6 })], { ringingMs: [500, 12_000], placing: 2, offers: 1 });
    expect(poolAtTick(snap)).toEqual({
      nowMs: 1_000_000,
      inQueueHours: true,
      agents: snap.agents,
      ringing: [{ elapsedMs: 500 }, { elapsedMs: 12_000 }],
      placing: 2,
      waitingLive: 0,
      offers: 1,
      inFlight: 6,
    });
  });

  test("predictive: the engagement's abandonment cap reaches pacing as a fraction, and a bad last hour holds it back", () => {
    // Ten live answers in the last seconds, four of them abandoned: 40% against a 3% cap.
    let controller = controllerForTarget(0.03);
    for (let i = 0; i < 10; i++) controller = observeLiveAnswer(controller, i < 4, 990_000 + i * 1000);
    const afterAbandons = { estimates: initialEstimates(), controller };
    const e = engagement('a', { dialMode: 'predictive', waiting: 100, ...rules(3) });
    // Representatives finishing their wrap-up: some new calls are safe, the rest are a bet.
    const snap = snapshot([e], { agents: Array.from({ length: 8 }, () => ({ state: 'wrap' as const, elapsedMs: 30_000 })) });
    const granted = (k: typeof afterAbandons) => planGrants(snap, k).grants.reduce((n, g) => n + g.count, 0);
    const predictiveAt3Percent = dialModeAllowance(
      { dialMode: 'predictive', settings: e.dialModeSettings, abandonTarget: 0.03, abandonSeconds: e.abandonmentSeconds },
      poolAtTick(snap),
      afterAbandons,
    );
    expect(granted(afterAbandons)).toBe(predictiveAt3Percent);
    expect(granted(afterAbandons)).toBeLessThan(granted(knowledge()));
  });
});

describe('slots count from the grant', () => {
  test('granted slots not ringing yet hold their place: only the rest of the limit is granted', () => {
    const snap = snapshot([engagement('a', { waiting: 10, inFlight: 3 })], { ringingMs: [500], placing: 2 });
    expect(planGrants(snap, knowledge()).grants.map((g) => [g.engagementId, g.count])).toEqual([['a', 1]]);
  });

  test.each(['progressive', 'predictive'] as const)(
    '%s: a dialer that acknowledges several ticks late never takes the pool past its limit, and progressive reaches it',
    (dialMode) => {
      // A tick loop against a slow dialer: a grant is dialled at once, acknowledged (ringing) ackTicks later,
      // and ends ringTicks after that, never answered, so the representatives stay available.
      const ackTicks = 6;
      const ringTicks = 8;
      const agents = 5;
      const limit = dialMode === 'progressive' ? agents : agents * 5;
      let slots: Array<{ grantedAt: number }> = [];
      let waiting = 200;
      let most = 0;
      for (let tick = 0; tick < 100; tick++) {
        slots = slots.filter((s) => tick - s.grantedAt < ackTicks + ringTicks);
        const placing = slots.filter((s) => tick - s.grantedAt < ackTicks).length;
        const ringingMs = slots.filter((s) => tick - s.grantedAt >= ackTicks).map((s) => (tick - s.grantedAt - ackTicks) * 250);
        const e = engagement('a', { dialMode, waiting, inFlight: slots.length });
        const snap = snapshot([e], {
          nowMs: 1_000_000 + tick * 250,
          agents: Array.from({ length: agents }, () => ({ state: 'available' as const, elapsedMs: 1000 })),
          ringingMs,
          placing,
        });
        const count = planGrants(snap, knowledge()).grants.reduce((n, g) => n + g.count, 0);
        for (let i = 0; i < count; i++) slots.push({ grantedAt: tick });
        waiting -= count;
        expect(slots.length).toBeLessThanOrEqual(limit);
        most = Math.max(most, slots.length);
      }
      if (dialMode === 'progressive') expect(most).toBe(limit);
    },
  );
});

describe('idle', () => {
  test.each([
    { name: 'nothing waiting, nothing in flight', engagements: [engagement('a')], idle: true },
    { name: 'only a paused engagement waits', engagements: [engagement('a', { state: 'paused', waiting: 3 })], idle: true },
    { name: 'an active engagement waits', engagements: [engagement('a', { waiting: 1 })], idle: false },
    { name: 'one of two active engagements waits', engagements: [engagement('a'), engagement('b', { waiting: 2 })], idle: false },
    { name: 'calls in flight', engagements: [engagement('a', { inFlight: 1 })], idle: false },
  ])('$name: may idle $idle', ({ engagements, idle }) => {
    expect(poolMayIdle(snapshot(engagements))).toBe(idle);
  });
});
