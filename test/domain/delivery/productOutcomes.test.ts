import type { CallFacts } from '../../../domain/callState';
import {
  callOutcome,
  RESULT_MEANINGS,
  SIP_CODE_RESULTS,
  sipClass,
  VOICE_PRODUCT_RESULTS,
  type VoiceProductResult,
} from '../../../domain/delivery/productOutcomes';
import { isRetryable } from '../../../domain/delivery/reattemptPolicy';
import { REATTEMPT_REASONS } from '../../../domain/callState';

describe('call states and answer facts map to the product result words', () => {
  test.each<[string, CallFacts, VoiceProductResult, Partial<ReturnType<typeof callOutcome>>]>([
    ['a live person', { state: 'Answered', answeringMachine: false, abandoned: false }, 'LiveAnswer', { reachedPerson: true }],
    [
      'a machine, message left',
      { state: 'Answered', answeringMachine: true, voicemailLeft: true },
      'AnsweringMachine',
      { reattemptReason: 'AnsweringMachine' },
    ],
    [
      'a machine, hung up',
      { state: 'Answered', answeringMachine: true, voicemailLeft: false },
      'AnsweringMachineHangup',
      { reattemptReason: 'AnsweringMachine' },
    ],
    [
      'abandoned waiting for a representative',
      { state: 'Answered', answeringMachine: false, abandoned: true },
      'Abandoned',
      { reattemptReason: 'NoAnswer', reachedPerson: false },
    ],
    // A seed-004-only dialer: answered, nothing more known. Complete, without claiming a person.
    ['answered, dialer says nothing more', { state: 'Answered' }, 'CallEnded', { reachedPerson: true }],
    ['no answer', { state: 'No Answer' }, 'NoAnswer', { reattemptReason: 'NoAnswer' }],
    // The product reports busy as NoAnswer; the engagement's Busy reason still applies.
    ['busy', { state: 'Busy' }, 'NoAnswer', { reattemptReason: 'Busy' }],
    ['rejected (declined)', { state: 'Rejected' }, 'NoAnswer', { reattemptReason: 'NoAnswer' }],
    ['invalid number', { state: 'Invalid Number' }, 'InvalidAddress', { numberInvalid: true }],
    ['error without SIP', { state: 'Error' }, 'CallFailed', { reattemptReason: 'Failed' }],
    ['temporarily unavailable', { state: 'Temporarily Unavailable' }, 'CallFailed', { reattemptReason: 'Failed' }],
    ['the engine lost the answer', { state: 'Unknown' }, 'Unknown', { reattemptReason: 'Failed' }],
    ['the dialer says its AI agent failed', { state: 'Answered', result: 'BotFailed' }, 'BotFailed', { reattemptReason: 'Failed' }],
    ['the dialer says nobody interacted', { state: 'Answered', result: 'Undetermined' }, 'Undetermined', { reachedPerson: true }],
    ['the dialer heard a fax tone', { state: 'Answered', result: 'NotAHandset' }, 'NotAHandset', { numberInvalid: true }],
  ])('%s', (_what, facts, result, meaning) => {
    const outcome = callOutcome(facts);
    expect(outcome.result).toBe(result);
    expect(outcome).toMatchObject(meaning);
    if (result === 'InvalidAddress') expect(outcome.reattemptReason).toBeUndefined();
  });

  test('a result the dialer may not state is derived from the facts instead', () => {
    expect(callOutcome({ state: 'No Answer', result: 'LiveAnswer' }).result).toBe('NoAnswer');
  });
});

describe('SIP codes decide the result of a call not answered', () => {
  const listed = SIP_CODE_RESULTS.flatMap((e) => e.codes.map((code) => [code, e.result, e.busy === true] as const));
  test.each(listed)('SIP %i → %s', (code, result, busy) => {
    for (const state of ['Error', 'Rejected', 'Temporarily Unavailable', 'No Answer', 'Busy'] as const) {
      const outcome = callOutcome({ state, sipCode: code });
      expect(outcome.result).toBe(result);
      if (busy) expect(outcome.reattemptReason).toBe('Busy');
    }
  });

  test.each([
    [3, 302, 'CallFailed'],
    [4, 403, 'CallFailed'],
    [5, 599, 'CallFailed'],
    [6, 606, 'CallFailed'],
  ] as const)('an unlisted %ixx code leaves the call state to decide (SIP %i on Error → %s)', (cls, code, result) => {
    expect(sipClass(code)).toBe(cls);
    expect(callOutcome({ state: 'Error', sipCode: code }).result).toBe(result);
    expect(callOutcome({ state: 'No Answer', sipCode: code }).result).toBe('NoAnswer');
    expect(callOutcome({ state: 'Invalid Number', sipCode: code }).result).toBe('InvalidAddress');
  });

  test('1xx/2xx are no failure class; a SIP code never overrides an answered call', () => {
    expect(sipClass(180)).toBe(1);
    expect(sipClass(200)).toBe(2);
    expect(sipClass(99)).toBeUndefined();
    expect(sipClass(700)).toBeUndefined();
    expect(callOutcome({ state: 'Error', sipCode: 200 }).result).toBe('CallFailed');
    expect(callOutcome({ state: 'Answered', answeringMachine: false, sipCode: 404 }).result).toBe('LiveAnswer');
  });

  test('every listed code belongs to exactly one list', () => {
    const codes = SIP_CODE_RESULTS.flatMap((e) => e.codes);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('results → reattempt reasons', () => {
  test('every result word has a meaning, and every reason it names is an engagement reason', () => {
    expect(Object.keys(RESULT_MEANINGS).sort()).toEqual([...VOICE_PRODUCT_RESULTS].sort());
    for (const meaning of Object.values(RESULT_MEANINGS)) {
      if (meaning.reattemptReason) expect(REATTEMPT_REASONS).toContain(meaning.reattemptReason);
    }
  });

  test('NonRetriableError and InvalidAddress are never reattempted, whatever the engagement lists', () => {
    const everyReason = { reasons: [...REATTEMPT_REASONS] };
    for (const facts of [{ state: 'Error', sipCode: 488 }, { state: 'Error', sipCode: 404 }, { state: 'Invalid Number' }] as CallFacts[]) {
      const outcome = callOutcome(facts);
      expect(['NonRetriableError', 'InvalidAddress']).toContain(outcome.result);
      expect(outcome.numberInvalid).toBe(true);
      const reasons = outcome.reattemptReason ? [outcome.reattemptReason] : [];
      expect(isRetryable({ reasons, retryDisposition: false }, everyReason)).toBe(false);
    }
  });
});
