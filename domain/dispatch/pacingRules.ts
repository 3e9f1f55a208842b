/**
 * An engagement's pacing rules (spec §4): when to pause it, and how far to hold it back. Pure: the
 * dispatcher feeds it the engagement's recent figures, read from Postgres each tick.
 */
export interface PacingRules {
  /** Abandoned live answers, as a percentage of live answers, above which the engagement pauses. */
  abandonmentCapPercent: number;
  /** The period the abandonment rate is measured over (24 h: UK practice; 720 h: US 30 days). */
  abandonmentWindowHours: number;
  /** No pause on abandonment before this many live answers in the period (one early abandon is not a rate). */
  minimumLiveAnswers: number;
  /** AI-led engagements: stop at the first failed call, or once failures reach `ratePercent` of calls. */
  aiFailure: { stop: 'immediately' | 'at-rate'; ratePercent: number };
  /** Hold back new calls while live answers wait longer than this on average before connecting. */
  maxAverageWaitSeconds?: number;
  /** At most this share of the queue's staffed representatives busy with (or reserved for) this engagement. */
  maxQueueSharePercent?: number;
}

export const DEFAULT_PACING_RULES: PacingRules = {
  abandonmentCapPercent: 3,
  abandonmentWindowHours: 24,
  minimumLiveAnswers: 20,
  aiFailure: { stop: 'at-rate', ratePercent: 5 },
};

/** An engagement's figures over its abandonment period (and its AI calls over the same period). */
export interface CampaignFigures {
  liveAnswers: number;
  /** Live answers whose abandonment the dialer reported (a seed-004-only dialer reports none). */
  abandonmentReported: number;
  abandoned: number;
  /** Mean wait of connected live answers, ms; null when none. */
  averageWaitMs: number | null;
  calls: number;
  failedCalls: number;
}

/**
 * Where an engagement's abandonment period starts at `nowMs`: its rolling window, cut at its last resume
 * (a resume restarts the count). The dispatcher's rules and the live board read the same figures from it.
 */
export function rulesPeriodStartMs(rules: Pick<PacingRules, 'abandonmentWindowHours'>, rulesSince: Date | null, nowMs: number): number {
  return Math.max(nowMs - rules.abandonmentWindowHours * 3600_000, rulesSince ? new Date(rulesSince).getTime() : 0);
}

export type RuleVerdict = { kind: 'run' } | { kind: 'pause'; reason: string };

/** Abandoned among the live answers whose abandonment is known; 0 when none is. */
export function abandonmentRate(f: Pick<CampaignFigures, 'abandoned' | 'abandonmentReported'>): number {
  return f.abandonmentReported === 0 ? 0 : f.abandoned / f.abandonmentReported;
}

/** Whether the figures break a rule that pauses the engagement until an operator resumes it. */
export function evaluatePauseRules(rules: PacingRules, f: CampaignFigures, aiLed: boolean): RuleVerdict {
  const rate = abandonmentRate(f);
  if (!aiLed && f.abandonmentReported >= rules.minimumLiveAnswers && rate * 100 > rules.abandonmentCapPercent) {
    return {
      kind: 'pause',
      reason: `abandonment ${(rate * 100).toFixed(1)}% of ${f.abandonmentReported} live answers in ${rules.abandonmentWindowHours} h is over the ${rules.abandonmentCapPercent}% cap`,
    };
  }
  if (aiLed && f.failedCalls > 0) {
    if (rules.aiFailure.stop === 'immediately')
      return {
        kind: 'pause',
        reason: `AI agent call failed (${f.failedCalls} of ${f.calls} calls); the engagement stops at the first failure`,
      };
    const failureRate = f.failedCalls / Math.max(1, f.calls);
    if (failureRate * 100 >= rules.aiFailure.ratePercent) {
      return {
        kind: 'pause',
        reason: `AI agent failure rate ${(failureRate * 100).toFixed(1)}% (${f.failedCalls} of ${f.calls} calls) reached ${rules.aiFailure.ratePercent}%`,
      };
    }
  }
  return { kind: 'run' };
}

/**
 * The most new calls the engagement's rules allow now, given what it already has in flight:
 * Infinity when no limiting rule applies.
 */
export function ruleAllowance(rules: PacingRules, f: CampaignFigures, engagementInFlight: number, staffedAgents: number): number {
  let allowance = Infinity;
  if (rules.maxAverageWaitSeconds !== undefined && f.averageWaitMs !== null && f.averageWaitMs > rules.maxAverageWaitSeconds * 1000)
    allowance = 0;
  if (rules.maxQueueSharePercent !== undefined) {
    const share = Math.floor((staffedAgents * rules.maxQueueSharePercent) / 100);
    allowance = Math.min(allowance, Math.max(0, share - engagementInFlight));
  }
  return allowance;
}
