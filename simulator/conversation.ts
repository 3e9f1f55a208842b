/**
 * A connected call's conversation as the simulated dialer reports it (TalkSeconds, WrapUpSeconds): the
 * stochastic mode's draw, else the number's script. The representative pool also keeps the call's
 * representative busy for talk + wrap-up. The simulator reports them with the call's result, at connect:
 * it decides the conversation's length when a representative takes the call.
 */
import type { ScriptedOutcome } from './callScript';
import type { StochasticDraw } from './stochasticCalls';

export interface Conversation {
  talkMs?: number;
  wrapMs?: number;
}

/** The conversation the call brings (its draw, else its script); empty when neither says. */
export function scriptedConversation(call: { drawn?: Pick<StochasticDraw, 'talkMs' | 'wrapMs'>; outcome: ScriptedOutcome }): Conversation {
  const source = call.drawn?.talkMs !== undefined ? call.drawn : call.outcome;
  return {
    ...(source.talkMs !== undefined ? { talkMs: source.talkMs } : {}),
    ...(source.wrapMs !== undefined ? { wrapMs: source.wrapMs } : {}),
  };
}
