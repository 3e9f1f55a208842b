import { stableHash } from './hash';
import { evaluateRule } from './rules';
import type { DisplayNumberContext, DisplayNumberPolicy, DisplayNumberSelection } from './types';

/** A number entry is usable when it is a non-blank string; unusable entries are skipped. */
function usable(n: unknown): n is string {
  return typeof n === 'string' && n.trim() !== '';
}

/**
 * Picks the display number (caller ID) for one call. Pure and deterministic: the same policy and
 * context always give the same answer, so it is safe in workflow code and on replay.
 *
 * - `queue`: the queue's number; reason 'queue'.
 * - `automated`: `numbers[stableHash(callKey) % numbers.length]` over the usable (non-blank)
 *   entries, in the order given; reason 'automated'. Each call key is hashed independently, so
 *   over many calls each number gets an even share, and a retried/replayed call with the same key
 *   gets the same number. The queue's number takes part only if it is listed; a number listed twice
 *   gets twice the share. No usable numbers: the queue's number, reason 'queue'.
 * - `rules`: rules are tried in order and the first matching one (see evaluateRule) wins, reason
 *   `rule ${i + 1}` (1-based position in the list); a rule whose number is blank is skipped. No rule
 *   matched (or no rules): the queue's number, reason 'no rule matched'. All rules given are
 *   evaluated; the limit of five is enforced where engagements are validated.
 * - An unknown mode (bad stored data) falls back to the queue's number, reason 'queue'.
 *
 * Returned numbers are the strings from the policy or context, unchanged (no trimming or formatting).
 */
export function selectDisplayNumber(policy: DisplayNumberPolicy, ctx: DisplayNumberContext): DisplayNumberSelection {
  const queue: DisplayNumberSelection = { number: ctx.queueNumber, reason: 'queue' };
  switch (policy.mode) {
    case 'queue':
      return queue;
    case 'automated': {
      const numbers = (Array.isArray(policy.numbers) ? policy.numbers : []).filter(usable);
      if (numbers.length === 0) return queue;
      const chosen = numbers[stableHash(ctx.callKey) % numbers.length];
      return chosen === undefined ? queue : { number: chosen, reason: 'automated' };
    }
    case 'rules': {
      const rules = Array.isArray(policy.rules) ? policy.rules : [];
      for (let i = 0; i < rules.length; i++) {
        const rule = rules[i];
        if (rule === undefined || !usable(rule.number)) continue;
        if (evaluateRule(rule, ctx.fields ?? {})) return { number: rule.number, reason: `rule ${i + 1}` };
      }
      return { number: ctx.queueNumber, reason: 'no rule matched' };
    }
    default:
      return queue;
  }
}
