import { isWindowTimestamp, parseWindows, windowBounds, windowContaining, windowsOrDefault } from '../../../domain/contactWindows';

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
    expect(windowBounds([
      { start: '2024-09-11T13:00:00.000Z', end: '2024-09-11T15:59:59.999Z' },
      { start: '2024-09-10T13:00:00.000Z', end: '2024-09-10T15:59:59.999Z' },
    ])).toEqual({ start: '2024-09-10T13:00:00.000Z', end: '2024-09-11T15:59:59.999Z' });
  });
});
