import { isWindowTimestamp, parseWindows, windowBounds, windowContaining, windowsOrDefault } from '../../../domain/delivery/windowInputs';

const at = (s: string) => new Date(s);

describe('contact windows', () => {
  test('the seed timestamp format is strict', () => {
    expect(isWindowTimestamp('2024-09-10T13:00:00.000Z')).toBe(true);
    expect(isWindowTimestamp('2024-09-10T13:00:00Z')).toBe(false);
    expect(isWindowTimestamp('2024-09-10T13:00:00.000+02:00')).toBe(false);
    expect(isWindowTimestamp('2024-13-45T13:00:00.000Z')).toBe(false);
  });

  test('no windows means the next 24 hours', () => {
    const now = at('2026-03-08T06:30:00.000Z');
    expect(windowsOrDefault(undefined, now)).toEqual([{ start: '2026-03-08T06:30:00.000Z', end: '2026-03-09T06:30:00.000Z' }]);
    expect(windowsOrDefault([], now)).toHaveLength(1);
  });

  const windows = parseWindows([
    { start: '2024-09-11T13:00:00.000Z', end: '2024-09-11T15:59:59.999Z' },
    { start: '2024-09-10T13:00:00.000Z', end: '2024-09-10T15:59:59.999Z' },
  ]);

  test('windows are half-open and empty ones never match', () => {
    expect(windowContaining(windows, at('2024-09-10T15:59:59.999Z'))).toBeUndefined();
    expect(windowContaining(windows, at('2024-09-10T13:00:00.000Z'))).toBeDefined();
  });

  test('bounds span every window', () => {
    expect(
      windowBounds([
        { start: '2024-09-11T13:00:00.000Z', end: '2024-09-11T15:59:59.999Z' },
        { start: '2024-09-10T13:00:00.000Z', end: '2024-09-10T15:59:59.999Z' },
      ]),
    ).toEqual({ start: '2024-09-10T13:00:00.000Z', end: '2024-09-11T15:59:59.999Z' });
  });
});

describe('isWindowTimestamp: calendar validity', () => {
  test.each([
    '2027-02-30T00:00:00.000Z',
    '2027-02-29T00:00:00.000Z',
    '2027-04-31T00:00:00.000Z',
    '2027-01-01T24:00:00.000Z',
    '0000-01-01T00:00:00.000Z',
    '1900-02-29T00:00:00.000Z',
  ])('refuses %s', (value) => expect(isWindowTimestamp(value)).toBe(false));
  test.each(['2028-02-29T00:00:00.000Z', '2000-02-29T23:59:59.999Z', '0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z'])(
    'accepts %s',
    (value) => expect(isWindowTimestamp(value)).toBe(true),
  );
  test('refuses non-strings without throwing', () => expect(isWindowTimestamp(undefined as unknown as string)).toBe(false));
});
