import {
  abandonmentRate,
  type CampaignFigures,
  DEFAULT_PACING_RULES,
  evaluatePauseRules,
  type PacingRules,
  ruleAllowance,
  rulesPeriodStartMs,
} from '../../../domain/dispatch';

const figures = (over: Partial<CampaignFigures>): CampaignFigures => ({
  liveAnswers: 0,
  abandoned: 0,
  averageWaitMs: null,
  calls: 0,
  failedCalls: 0,
  ...over,
  // Unless a test says otherwise, the dialer reported every live answer's abandonment.
  abandonmentReported: over.abandonmentReported ?? over.liveAnswers ?? 0,
});
const rules = (over: Partial<PacingRules> = {}): PacingRules => ({ ...DEFAULT_PACING_RULES, ...over });

describe('pacing rules', () => {
  test('abandonment over the cap pauses, once enough live answers are in', () => {
    expect(evaluatePauseRules(rules(), figures({ liveAnswers: 19, abandoned: 10 }), false).kind).toBe('run');
    expect(evaluatePauseRules(rules(), figures({ liveAnswers: 100, abandoned: 3 }), false).kind).toBe('run');
    const v = evaluatePauseRules(rules(), figures({ liveAnswers: 100, abandoned: 4 }), false);
    expect(v).toEqual({ kind: 'pause', reason: expect.stringContaining('4.0% of 100 live answers') });
  });

  test('AI failure: "immediately" stops at the first failure; "at-rate" when the rate reaches it', () => {
    expect(
      evaluatePauseRules(rules({ aiFailure: { stop: 'immediately', ratePercent: 5 } }), figures({ calls: 500, failedCalls: 1 }), true).kind,
    ).toBe('pause');
    const atRate = rules({ aiFailure: { stop: 'at-rate', ratePercent: 2 } });
    expect(evaluatePauseRules(atRate, figures({ calls: 100, failedCalls: 1 }), true).kind).toBe('run');
    expect(evaluatePauseRules(atRate, figures({ calls: 100, failedCalls: 2 }), true).kind).toBe('pause');
    // The abandonment cap is about representatives: AI-led engagements are not paused by it.
    expect(evaluatePauseRules(atRate, figures({ liveAnswers: 100, abandoned: 50 }), true).kind).toBe('run');
  });

  test('average wait and queue share hold back new calls without pausing', () => {
    expect(ruleAllowance(rules(), figures({}), 3, 10)).toBe(Infinity);
    expect(ruleAllowance(rules({ maxAverageWaitSeconds: 5 }), figures({ averageWaitMs: 6000 }), 0, 10)).toBe(0);
    expect(ruleAllowance(rules({ maxAverageWaitSeconds: 5 }), figures({ averageWaitMs: 4000 }), 0, 10)).toBe(Infinity);
    expect(ruleAllowance(rules({ maxQueueSharePercent: 50 }), figures({}), 3, 10)).toBe(2);
    expect(ruleAllowance(rules({ maxQueueSharePercent: 50 }), figures({}), 7, 10)).toBe(0);
  });

  test('the abandonment cap is a strict limit, counted from the minimum live answers on', () => {
    // Exactly at the cap is allowed; one abandon more is over it.
    expect(evaluatePauseRules(rules({ abandonmentCapPercent: 5 }), figures({ liveAnswers: 20, abandoned: 1 }), false).kind).toBe('run');
    expect(evaluatePauseRules(rules({ abandonmentCapPercent: 5 }), figures({ liveAnswers: 20, abandoned: 2 }), false)).toEqual({
      kind: 'pause',
      reason: 'abandonment 10.0% of 20 live answers in 24 h is over the 5% cap',
    });
    // The minimum counts: 20 live answers are enough, 19 are not.
    expect(evaluatePauseRules(rules(), figures({ liveAnswers: 20, abandoned: 20 }), false).kind).toBe('pause');
    expect(evaluatePauseRules(rules({ minimumLiveAnswers: 0 }), figures({}), false).kind).toBe('run');
  });

  test('the abandonment rate is abandons per live answer, 0 without any', () => {
    expect(abandonmentRate(figures({}))).toBe(0);
    expect(abandonmentRate(figures({ liveAnswers: 8, abandoned: 2 }))).toBe(0.25);
  });

  test('AI failures: none never pause; the rate is reached at, not only above, its percentage; the reasons say why', () => {
    const immediately = rules({ aiFailure: { stop: 'immediately', ratePercent: 5 } });
    expect(evaluatePauseRules(immediately, figures({ calls: 500 }), true).kind).toBe('run');
    expect(evaluatePauseRules(immediately, figures({ calls: 500, failedCalls: 1 }), true)).toEqual({
      kind: 'pause',
      reason: 'AI agent call failed (1 of 500 calls); the engagement stops at the first failure',
    });
    const atRate = rules({ aiFailure: { stop: 'at-rate', ratePercent: 25 } });
    expect(evaluatePauseRules(atRate, figures({ calls: 8, failedCalls: 2 }), true)).toEqual({
      kind: 'pause',
      reason: 'AI agent failure rate 25.0% (2 of 8 calls) reached 25%',
    });
    expect(evaluatePauseRules(atRate, figures({ calls: 9, failedCalls: 2 }), true).kind).toBe('run');
    // A failure reported before its call is counted is a 100% rate, not a division by zero.
    expect(evaluatePauseRules(rules({ aiFailure: { stop: 'at-rate', ratePercent: 100 } }), figures({ failedCalls: 1 }), true).kind).toBe(
      'pause',
    );
    // AI failures do not pause an engagement led by representatives.
    expect(evaluatePauseRules(immediately, figures({ calls: 500, failedCalls: 500 }), false).kind).toBe('run');
  });

  test('an average wait exactly at the limit still dials; the queue share rounds down and never goes negative', () => {
    expect(ruleAllowance(rules({ maxAverageWaitSeconds: 5 }), figures({ averageWaitMs: 5000 }), 0, 10)).toBe(Infinity);
    expect(ruleAllowance(rules({ maxAverageWaitSeconds: 5 }), figures({ averageWaitMs: null }), 0, 10)).toBe(Infinity);
    expect(ruleAllowance(rules({ maxAverageWaitSeconds: 0 }), figures({ averageWaitMs: 1 }), 0, 10)).toBe(0);
    // 35% of 9 representatives is 3.15: 3, less the 1 in flight.
    expect(ruleAllowance(rules({ maxQueueSharePercent: 35 }), figures({}), 1, 9)).toBe(2);
    expect(ruleAllowance(rules({ maxQueueSharePercent: 35 }), figures({}), 5, 9)).toBe(0);
    // Both rules: the tighter wins.
    expect(ruleAllowance(rules({ maxAverageWaitSeconds: 5, maxQueueSharePercent: 50 }), figures({ averageWaitMs: 6000 }), 0, 10)).toBe(0);
    expect(ruleAllowance(rules({ maxAverageWaitSeconds: 5, maxQueueSharePercent: 50 }), figures({ averageWaitMs: 100 }), 0, 10)).toBe(5);
  });

  test('the abandonment period is the rolling window, cut at the last resume', () => {
    const now = Date.parse('2026-06-01T12:00:00Z');
    expect(rulesPeriodStartMs({ abandonmentWindowHours: 24 }, null, now)).toBe(Date.parse('2026-05-31T12:00:00Z'));
    expect(rulesPeriodStartMs({ abandonmentWindowHours: 2 }, new Date('2026-06-01T11:00:00Z'), now)).toBe(
      Date.parse('2026-06-01T11:00:00Z'),
    );
    expect(rulesPeriodStartMs({ abandonmentWindowHours: 2 }, new Date('2026-06-01T09:00:00Z'), now)).toBe(
      Date.parse('2026-06-01T10:00:00Z'),
    );
  });
});

describe('live answers whose abandonment the dialer did not report', () => {
  test('count neither as abandoned nor as connected: the rate is over the reported ones', () => {
    // 100 live answers, only 40 reported, 2 of those abandoned: 5% (over a 3% cap), not 2%.
    const v = evaluatePauseRules(rules(), figures({ liveAnswers: 100, abandonmentReported: 40, abandoned: 2 }), false);
    expect(v).toEqual({ kind: 'pause', reason: expect.stringContaining('5.0% of 40 live answers') });
  });

  test('the minimum of live answers counts reported ones only', () => {
    const few = figures({ liveAnswers: 500, abandonmentReported: 19, abandoned: 10 });
    expect(evaluatePauseRules(rules(), few, false).kind).toBe('run');
  });

  test('none reported: no rate to break, whatever the volume', () => {
    expect(abandonmentRate(figures({ liveAnswers: 1000, abandonmentReported: 0 }))).toBe(0);
    expect(evaluatePauseRules(rules(), figures({ liveAnswers: 1000, abandonmentReported: 0 }), false).kind).toBe('run');
  });
});
