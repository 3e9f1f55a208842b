/** The field types every request schema is built from: what each refuses, and with which message. */
import { inputAttributes, isoInstant, phoneNumber, timeZone, windowOrderCheck, windowTimestamp } from '../../../api/schemas/common';
import { MAX_INPUT_ATTRIBUTES } from '../../../domain/delivery/deliveryLimits';
import { WINDOW_TIMESTAMP_FORMAT } from '../../../domain/delivery/windowInputs';
import { ISO_INSTANT_EXPECTED } from '../../../domain/isoInstant';
import { TIME_ZONE_NAME_EXPECTED } from '../../../domain/schedule/timeZoneNames';
import { UNSTORABLE_TEXT_MESSAGE } from '../../../domain/text';

const issues = (r: { error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  (r.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));

test('a window timestamp names the form it expects', () => {
  expect(windowTimestamp.parse('2027-01-01T00:00:00.000Z')).toBe('2027-01-01T00:00:00.000Z');
  expect(issues(windowTimestamp.safeParse('2027-02-30T00:00:00.000Z'))).toEqual([
    { path: '', message: `must be a real UTC instant in the form ${WINDOW_TIMESTAMP_FORMAT}` },
  ]);
});

test('an ISO instant is read as the instant it names, or refused naming the forms expected', () => {
  expect(isoInstant.parse('2026-03-01')).toEqual(new Date('2026-03-01T00:00:00Z'));
  expect(issues(isoInstant.safeParse('yesterday'))).toEqual([{ path: '', message: `must be ${ISO_INSTANT_EXPECTED}` }]);
});

describe('a phone number', () => {
  test('is returned in E.164', () => {
    expect(phoneNumber.parse('+1 (212) 555-0100')).toBe('+12125550100');
  });

  test('a character the database cannot store is refused as such', () => {
    expect(issues(phoneNumber.safeParse('+1212555\u00000100'))).toEqual([{ path: '', message: UNSTORABLE_TEXT_MESSAGE }]);
  });

  test('an impossible number is quoted (its first 40 characters) in the refusal', () => {
    const long = `+999${'9'.repeat(36)}TAIL`;
    expect(issues(phoneNumber.safeParse(long))).toEqual([
      { path: '', message: `"${long.slice(0, 40)}" is not a possible phone number in international form (+<country code><number>)` },
    ]);
    expect(issues(phoneNumber.safeParse('12'))[0]!.message).toBe(
      '"12" is not a possible phone number in international form (+<country code><number>)',
    );
  });
});

test('a time zone is returned as its IANA name; an unknown one is quoted (60 characters) in the refusal', () => {
  expect(timeZone.parse('America/New_York')).toBe('America/New_York');
  const unknown = `Mars/${'x'.repeat(60)}`;
  expect(issues(timeZone.safeParse(unknown))).toEqual([
    { path: '', message: `"${unknown.slice(0, 60)}" is not ${TIME_ZONE_NAME_EXPECTED}` },
  ]);
  expect(issues(timeZone.safeParse('Nowhere'))[0]!.message).toBe(`"Nowhere" is not ${TIME_ZONE_NAME_EXPECTED}`);
});

describe('input attributes', () => {
  const attributes = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, `${i}`]));

  test(`at most ${MAX_INPUT_ATTRIBUTES}`, () => {
    expect(inputAttributes.parse(attributes(MAX_INPUT_ATTRIBUTES))).toEqual(attributes(MAX_INPUT_ATTRIBUTES));
    expect(issues(inputAttributes.safeParse(attributes(MAX_INPUT_ATTRIBUTES + 1)))).toEqual([
      { path: '', message: `at most ${MAX_INPUT_ATTRIBUTES} input attributes` },
    ]);
  });

  test('a reserved name is refused, not dropped', () => {
    expect(issues(inputAttributes.safeParse(JSON.parse('{"a":"1","__proto__":"x"}')))).toEqual([
      { path: '__proto__', message: '"__proto__" is not allowed as a name' },
    ]);
  });

  test('what is not an object is refused as a record, not read for its keys', () => {
    for (const value of [null, undefined, 'text', ['a'], 5]) {
      const result = inputAttributes.safeParse(value);
      expect(result.success).toBe(false);
      expect(issues(result).map((i) => i.path)).toEqual(['']);
    }
  });
});

test('a window ends after it starts: an empty window is refused', () => {
  const start = '2027-01-01T10:00:00.000Z';
  expect(windowOrderCheck({ start, end: '2027-01-01T10:00:00.001Z' })).toBe(true);
  expect(windowOrderCheck({ start, end: start })).toBe(false);
  expect(windowOrderCheck({ start, end: '2027-01-01T09:59:59.999Z' })).toBe(false);
});
