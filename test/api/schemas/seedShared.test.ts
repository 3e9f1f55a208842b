/** What the product's newer APIs share: JSON-string fields, keys in any case, the RequestId. */
import { z } from 'zod';
import { anyCaseKeys, anyCaseWindow, apiVersion, jsonStringOr, requestId } from '../../../api/schemas/seedShared';

const issues = (r: { error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  (r.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));

describe('a field sent as a JSON string', () => {
  const numbers = jsonStringOr(z.array(z.number()));

  test('reads the same as the value itself', () => {
    expect(numbers.parse('[1,2]')).toEqual([1, 2]);
    expect(numbers.parse([1, 2])).toEqual([1, 2]);
  });

  test('a string that is not JSON is refused as such', () => {
    expect(issues(numbers.safeParse('[1,'))).toEqual([{ path: '', message: 'is a string but not valid JSON' }]);
  });
});

describe('keys in any case', () => {
  const asIs = anyCaseKeys(['Start', 'End'], z.unknown());

  test('are renamed to the given spelling; other keys are kept', () => {
    expect(asIs.parse({ START: 1, end: 2, other: 3 })).toEqual({ Start: 1, End: 2, other: 3 });
  });

  test('what is not an object is passed on untouched', () => {
    for (const value of [null, 'Start', ['start'], 7]) expect(asIs.parse(value)).toEqual(value);
  });

  test('a window in any case reads as the native start and end, which must follow each other', () => {
    const start = '2027-01-01T10:00:00.000Z';
    const end = '2027-01-01T11:00:00.000Z';
    expect(anyCaseWindow.parse({ start, END: end })).toEqual({ start, end });
    expect(issues(anyCaseWindow.safeParse({ Start: end, End: start }))).toEqual([{ path: 'End', message: 'End must be after Start' }]);
  });
});

test('RequestId follows the Idempotency-Key rules and says which one it broke', () => {
  expect(requestId.parse('req-1')).toBe('req-1');
  expect(issues(requestId.safeParse('has space'))).toEqual([
    { path: '', message: 'must contain only visible ASCII characters (no spaces or control characters)' },
  ]);
  expect(issues(requestId.safeParse(''))).toEqual([{ path: '', message: 'must not be empty' }]);
});

test('ApiVersion is optional text', () => {
  expect(apiVersion.parse(undefined)).toBeUndefined();
  expect(apiVersion.parse('1.0')).toBe('1.0');
});
