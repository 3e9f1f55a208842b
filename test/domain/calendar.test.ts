import { daysInMonth, isRealDateTime } from '../../domain/calendar';

test('days in a month, leap years by the Gregorian rule', () => {
  expect([2023, 2024, 1900, 2000].map((y) => daysInMonth(y, 2))).toEqual([28, 29, 28, 29]);
  expect([1, 4, 6, 9, 11, 12].map((m) => daysInMonth(2027, m))).toEqual([31, 30, 30, 30, 30, 31]);
});

test('a real date and time: year 0001..9999, an existing day, 00:00:00..23:59:59', () => {
  expect(isRealDateTime(2024, 2, 29, 23, 59, 59)).toBe(true);
  expect(isRealDateTime(1, 1, 1)).toBe(true);
  for (const args of [
    [0, 1, 1],
    [10000, 1, 1],
    [2027, 2, 29],
    [2027, 4, 31],
    [2027, 13, 1],
    [2027, 1, 0],
    [2027, 1, 1, 24],
    [2027, 1, 1, 0, 60],
    [2027, 1, 1, 0, 0, 60],
  ] as const)
    expect(isRealDateTime(...(args as unknown as [number, number, number]))).toBe(false);
});
