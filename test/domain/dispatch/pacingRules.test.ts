import {
  abandonmentRate,
  type CampaignFigures,
  DEFAULT_PACING_RULES,
  evaluatePauseRules,
  type PacingRules,
  ruleAllowance,
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
