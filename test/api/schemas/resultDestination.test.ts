/** What a dialer may post to the ResultDestination (seed 004) and what it is refused with. */
import {
  pushedCallResult,
  pushedCallResultResponse,
  pushedCallResults,
  resultDestinationPath,
  resultDestinationQuery,
} from '../../../api/schemas/resultDestination';
import { FINAL_CALL_STATES } from '../../../domain/callState';
import { VOICE_PRODUCT_RESULTS } from '../../../domain/delivery/productOutcomes';
import { SIP_DIAGNOSTICS_MAX } from '../../../domain/dialerCallResult';
import { UNSTORABLE_TEXT_MESSAGE } from '../../../domain/text';

const issues = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  (r.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));
const paths = (r: Parameters<typeof issues>[0]) => issues(r).map((i) => i.path);

const minimal = { UniqueId: 'u-1', CallState: FINAL_CALL_STATES[0] };
const full = {
  ...minimal,
  CallRequestId: 'r-1',
  ConversationId: 'conv-1',
  AnsweringMachine: false,
  Abandoned: true,
  VoicemailLeft: false,
  AbandonMessagePlayed: true,
  WaitSeconds: 12.5,
  TalkSeconds: 30,
  WrapUpSeconds: 4,
  SipCode: 200,
  SipDiagnostics: 'Q.850;cause=16',
  Result: VOICE_PRODUCT_RESULTS[0],
  ResultAttributes: [{ Name: 'outcome', Value: 'paid' }],
};

describe('a pushed call result', () => {
  test('every field the engine reads is kept as sent, and unknown fields pass through', () => {
    expect(pushedCallResult.parse({ ...full, Extra: 1 })).toEqual({ ...full, Extra: 1 });
  });

  test('UniqueId and CallState are required; UniqueId and ConversationId are not empty', () => {
    expect(paths(pushedCallResult.safeParse({}))).toEqual(['UniqueId', 'CallState']);
    expect(paths(pushedCallResult.safeParse({ ...minimal, UniqueId: '', ConversationId: '' }))).toEqual(['UniqueId', 'ConversationId']);
  });

  test('a CallState that is not final is refused, naming the final states', () => {
    expect(issues(pushedCallResult.safeParse({ ...minimal, CallState: 'Ringing' }))).toEqual([
      { path: 'CallState', message: `CallState must be a final call state: ${FINAL_CALL_STATES.join(', ')}` },
    ]);
  });

  test.each(['WaitSeconds', 'TalkSeconds', 'WrapUpSeconds'])('%s is a duration: 0 and up', (field) => {
    expect(pushedCallResult.safeParse({ ...minimal, [field]: 0 }).success).toBe(true);
    expect(pushedCallResult.safeParse({ ...minimal, [field]: 3600 }).success).toBe(true);
    expect(paths(pushedCallResult.safeParse({ ...minimal, [field]: -0.5 }))).toEqual([field]);
  });

  test('SipCode is a SIP status, 100 to 699', () => {
    for (const SipCode of [100, 699]) expect(pushedCallResult.safeParse({ ...minimal, SipCode }).success).toBe(true);
    for (const SipCode of [99, 700, 200.5]) expect(paths(pushedCallResult.safeParse({ ...minimal, SipCode }))).toEqual(['SipCode']);
  });

  test('SipDiagnostics is a bounded text or an object', () => {
    const longest = 'd'.repeat(SIP_DIAGNOSTICS_MAX * 4);
    expect(pushedCallResult.parse({ ...minimal, SipDiagnostics: longest }).SipDiagnostics).toBe(longest);
    expect(pushedCallResult.parse({ ...minimal, SipDiagnostics: { reason: 'busy' } }).SipDiagnostics).toEqual({ reason: 'busy' });
    expect(paths(pushedCallResult.safeParse({ ...minimal, SipDiagnostics: `${longest}d` }))).toEqual(['SipDiagnostics']);
    expect(paths(pushedCallResult.safeParse({ ...minimal, SipDiagnostics: 5 }))).toEqual(['SipDiagnostics']);
  });

  test('ResultAttributes: names of 1 to 850 characters, values up to 4000, at most 100 of them', () => {
    const attribute = { Name: 'n'.repeat(850), Value: 'v'.repeat(4000) };
    const hundred = Array.from({ length: 100 }, () => attribute);
    expect(pushedCallResult.parse({ ...minimal, ResultAttributes: hundred }).ResultAttributes).toEqual(hundred);
    expect(paths(pushedCallResult.safeParse({ ...minimal, ResultAttributes: [...hundred, attribute] }))).toEqual(['ResultAttributes']);
    const bad = [{ Name: '', Value: '' }, { Name: 'n'.repeat(851), Value: 'v'.repeat(4001) }, { Value: 'x' }];
    expect(paths(pushedCallResult.safeParse({ ...minimal, ResultAttributes: bad }))).toEqual([
      'ResultAttributes.0.Name',
      'ResultAttributes.1.Name',
      'ResultAttributes.1.Value',
      'ResultAttributes.2.Name',
    ]);
  });

  test('what is stored must be storable: a NUL is a 400 naming the field, not a database error', () => {
    const result = pushedCallResult.safeParse({
      ...minimal,
      SipDiagnostics: 'cause\u0000',
      ResultAttributes: [
        { Name: 'a\u0000', Value: 'v' },
        { Name: 'b', Value: '\ud800' },
      ],
    });
    expect(issues(result)).toEqual([
      { path: 'SipDiagnostics', message: UNSTORABLE_TEXT_MESSAGE },
      { path: 'ResultAttributes.0.Name', message: UNSTORABLE_TEXT_MESSAGE },
      { path: 'ResultAttributes.1.Value', message: UNSTORABLE_TEXT_MESSAGE },
    ]);
  });

  test('an attribute named __proto__ is refused, not silently dropped', () => {
    const body = JSON.parse(`{"UniqueId":"u","CallState":"${FINAL_CALL_STATES[0]}","ResultAttributes":[{"Name":"__proto__","Value":"x"}]}`);
    expect(issues(pushedCallResult.safeParse(body))).toEqual([
      { path: 'ResultAttributes.0.Name', message: '"__proto__" is not allowed as a name' },
    ]);
  });

  test('a Result outside the voice results is refused', () => {
    expect(paths(pushedCallResult.safeParse({ ...minimal, Result: 'Sent' }))).toEqual(['Result']);
  });
});

describe('the CallResults form', () => {
  test('carries exactly one result', () => {
    expect(pushedCallResults.parse({ CallResults: [full] })).toEqual({ CallResults: [full] });
    expect(paths(pushedCallResults.safeParse({ CallResults: [] }))).toEqual(['CallResults']);
    expect(paths(pushedCallResults.safeParse({ CallResults: [full, full] }))).toEqual(['CallResults']);
    expect(paths(pushedCallResults.safeParse({ CallResults: [{ UniqueId: 'u' }] }))).toEqual(['CallResults.0.CallState']);
  });

  test('nothing but CallResults', () => {
    expect(issues(pushedCallResults.safeParse({ CallResults: [full], Other: 1 }))).toEqual([
      { path: '', message: 'Unrecognized key: "Other"' },
    ]);
  });
});

describe('the path, query and answer', () => {
  test('the conversation id is 1 to 200 characters', () => {
    const longest = 'c'.repeat(200);
    expect(resultDestinationPath.parse({ conversationId: longest })).toEqual({ conversationId: longest });
    expect(paths(resultDestinationPath.safeParse({ conversationId: '' }))).toEqual(['conversationId']);
    expect(paths(resultDestinationPath.safeParse({ conversationId: `${longest}c` }))).toEqual(['conversationId']);
    expect(paths(resultDestinationPath.safeParse({ conversationId: 'c', x: 1 }))).toEqual(['']);
  });

  test('the token is read from the query', () => {
    expect(resultDestinationQuery.parse({ token: 't0k' })).toEqual({ token: 't0k' });
    expect(resultDestinationQuery.parse({})).toEqual({});
  });

  test('the answer says which result was stored', () => {
    const answer = { conversationId: 'c', uniqueId: 'u', result: VOICE_PRODUCT_RESULTS[0], stored: false };
    expect(pushedCallResultResponse.parse(answer)).toEqual(answer);
    expect(pushedCallResultResponse.safeParse({ ...answer, stored: undefined }).success).toBe(false);
  });
});
