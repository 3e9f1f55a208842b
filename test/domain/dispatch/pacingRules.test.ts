import { type CampaignFigures, DEFAULT_PACING_RULES, evaluatePauseRules, type PacingRules, ruleAllowance } from '../../../domain/dispatch';

const figures = (over: Partial<CampaignFigures>): CampaignFigures => ({
  liveAnswers: 0,
  abandoned: 0,
  averageWaitMs: null,
  calls: 0,
  failedCalls: 0,
  ...over,
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
