import { callFactsFromDialer, resultAttributesFromDialer, SIP_DIAGNOSTICS_MAX } from '../../domain/dialerCallResult';

test('a seed-004-only result leaves the extra facts unknown, not false', () => {
  expect(callFactsFromDialer({ UniqueId: 'u', CallRequestId: '', CallState: 'Answered' })).toEqual({ state: 'Answered' });
  expect(callFactsFromDialer({ UniqueId: 'u', CallState: 'Dialing' })).toBeUndefined();
});

test('the extra fields, SIP code and diagnostics (objects kept as JSON, cut to the column size)', () => {
  expect(
    callFactsFromDialer({
      UniqueId: 'u',
      CallState: 'Answered',
      AnsweringMachine: false,
      Abandoned: false,
      VoicemailLeft: false,
      WaitSeconds: 1.5,
      Result: 'BotFailed',
    }),
  ).toEqual({ state: 'Answered', answeringMachine: false, abandoned: false, voicemailLeft: false, waitMs: 1500, result: 'BotFailed' });
  const facts = callFactsFromDialer({ UniqueId: 'u', CallState: 'Error', SipCode: 488, SipDiagnostics: { sipCode: 488, q850: 79 } });
  expect(facts).toEqual({ state: 'Error', sipCode: 488, sipDiagnostics: '{"sipCode":488,"q850":79}' });
  expect(callFactsFromDialer({ UniqueId: 'u', CallState: 'Error', SipDiagnostics: 'x'.repeat(5000) })!.sipDiagnostics).toHaveLength(
    SIP_DIAGNOSTICS_MAX,
  );
  expect(callFactsFromDialer({ UniqueId: 'u', CallState: 'Error', Result: 'Nonsense' })).toEqual({ state: 'Error' });
});

test('result attributes as keyword/value pairs', () => {
  expect(resultAttributesFromDialer({ ResultAttributes: [{ Name: 'intent', Value: 'pay' }] })).toEqual({ intent: 'pay' });
  expect(resultAttributesFromDialer({})).toEqual({});
});

test("a connected call's conversation: TalkSeconds and WrapUpSeconds in ms; a negative, infinite or non-number one is unknown", () => {
  const answered = { UniqueId: 'u', CallState: 'Answered' };
  expect(callFactsFromDialer({ ...answered, TalkSeconds: 62.4, WrapUpSeconds: 15 })).toEqual({
    state: 'Answered',
    talkMs: 62_400,
    wrapMs: 15_000,
  });
  expect(callFactsFromDialer({ ...answered, TalkSeconds: 0 })).toEqual({ state: 'Answered', talkMs: 0 });
  for (const bad of [-1, Infinity, NaN, '30' as unknown as number]) {
    expect(callFactsFromDialer({ ...answered, TalkSeconds: bad, WrapUpSeconds: bad })).toEqual({ state: 'Answered' });
  }
});
