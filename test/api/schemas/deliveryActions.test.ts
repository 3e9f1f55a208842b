/** An operator's cancel and the disposition codes a client sends for a call. */
import { cancelBody, dispositionBody } from '../../../api/schemas/deliveryActions';

const issues = (r: { error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  (r.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));

describe('cancel', () => {
  test('the reason defaults to an operator cancel, is kept when given, and is at most 500 characters', () => {
    expect(cancelBody.parse({})).toEqual({ reason: 'cancelled by an operator' });
    expect(cancelBody.parse({ reason: 'r'.repeat(500) })).toEqual({ reason: 'r'.repeat(500) });
    expect(issues(cancelBody.safeParse({ reason: 'r'.repeat(501) })).map((i) => i.path)).toEqual(['reason']);
    expect(issues(cancelBody.safeParse({ reason: 'x', why: 'y' })).map((i) => i.path)).toEqual(['']);
  });
});

describe('disposition codes', () => {
  test('1 to 20 codes, for the latest call or a named one', () => {
    expect(dispositionBody.parse({ codes: ['PAID'] })).toEqual({ codes: ['PAID'] });
    const twenty = Array.from({ length: 20 }, (_, i) => `code ${i}`);
    expect(dispositionBody.parse({ callId: 'call-1', codes: twenty })).toEqual({ callId: 'call-1', codes: twenty });
    expect(issues(dispositionBody.safeParse({ codes: [] })).map((i) => i.path)).toEqual(['codes']);
    expect(issues(dispositionBody.safeParse({ codes: [...twenty, 'one more'] })).map((i) => i.path)).toEqual(['codes']);
    expect(issues(dispositionBody.safeParse({ callId: 'c'.repeat(201), codes: ['a'] })).map((i) => i.path)).toEqual(['callId']);
  });

  test('a code is stored in a quoted, comma-separated list, so it holds neither quotes nor commas', () => {
    expect(dispositionBody.parse({ codes: ['x', 'Promise to pay'] }).codes).toEqual(['x', 'Promise to pay']);
    expect(issues(dispositionBody.safeParse({ codes: ['"a', 'a"', 'a,b', ','] }))).toEqual(
      [0, 1, 2, 3].map((i) => ({ path: `codes.${i}`, message: 'a code cannot contain quotes or commas' })),
    );
  });
});
