import { classifyCall, isConnectedCall, isFinalCallState, isLiveAnswer } from '../../domain/callState';

describe('classifyCall maps the dialer call states (spec §6)', () => {
  test.each([
    ['No Answer', { reachedPerson: false, reattemptReason: 'NoAnswer', numberInvalid: false }],
    ['Busy', { reachedPerson: false, reattemptReason: 'Busy', numberInvalid: false }],
    ['Error', { reachedPerson: false, reattemptReason: 'Failed', numberInvalid: false }],
    ['Rejected', { reachedPerson: false, reattemptReason: 'Failed', numberInvalid: false }],
    ['Temporarily Unavailable', { reachedPerson: false, reattemptReason: 'Failed', numberInvalid: false }],
    ['Invalid Number', { reachedPerson: false, reattemptReason: 'Failed', numberInvalid: true }],
    ['Answered', { reachedPerson: true, numberInvalid: false }],
    // The engine's record of a call whose /v2/call answer was lost: counts as placed, reattempted as Failed.
    ['Unknown', { reachedPerson: false, reattemptReason: 'Failed', numberInvalid: false }],
  ] as const)('%s', (state, expected) => {
    expect(classifyCall({ state })).toEqual(expected);
  });

  test('an answering machine is not a person', () => {
    expect(classifyCall({ state: 'Answered', answeringMachine: true })).toEqual({
      reachedPerson: false,
      reattemptReason: 'AnsweringMachine',
      numberInvalid: false,
    });
  });

  test('an abandoned call did not reach anyone useful', () => {
    expect(classifyCall({ state: 'Answered', abandoned: true }).reachedPerson).toBe(false);
  });

  test('states outside the contract are not final', () => {
    expect(isFinalCallState('Dialing')).toBe(false);
    expect(isFinalCallState('')).toBe(false);
    expect(isFinalCallState('Busy')).toBe(true);
    // Unknown is never a state the dialer reports: a dialer saying "Unknown" means "not finished".
    expect(isFinalCallState('Unknown')).toBe(false);
  });
});

describe('live answer and connected call: one definition', () => {
  test.each([
    [{ state: 'Answered' }, true, true],
    [{ state: 'Answered', answeringMachine: null, abandoned: null }, true, true],
    [{ state: 'Answered', abandoned: true }, true, false],
    [{ state: 'Answered', answeringMachine: true }, false, false],
    [{ state: 'No Answer' }, false, false],
    [{ state: null }, false, false],
  ] as const)('%j: live %s, connected %s', (facts, live, connected) => {
    expect(isLiveAnswer(facts)).toBe(live);
    expect(isConnectedCall(facts)).toBe(connected);
  });
});
