import { isValidDailyInterval, isValidLocalTime, parseLocalTime } from '../../../domain/schedule';

describe('local times "HH:mm"', () => {
  it('parses to minutes since midnight', () => {
    expect(parseLocalTime('00:00')).toBe(0);
    expect(parseLocalTime('08:00')).toBe(480);
    expect(parseLocalTime('21:30')).toBe(1290);
    expect(parseLocalTime('23:59')).toBe(1439);
  });

  it.each(['24:00', '8:00', '08:0', '08:60', '0800', '', ' 08:00', '08:00:00', 'ab:cd'])('refuses %p', (value) => {
    expect(isValidLocalTime(value)).toBe(false);
    expect(() => parseLocalTime(value)).toThrow(RangeError);
    expect(() => parseLocalTime(value)).toThrow(`"${value}" is not a local time "HH:mm" (00:00..23:59)`);
  });

  it('validates intervals, empty ones (start == end) included', () => {
    expect(isValidDailyInterval({ start: '21:00', end: '08:00' })).toBe(true);
    expect(isValidDailyInterval({ start: '09:00', end: '09:00' })).toBe(true);
    expect(isValidDailyInterval({ start: '21:00', end: '24:00' })).toBe(false);
    expect(isValidDailyInterval(null as unknown as { start: string; end: string })).toBe(false);
  });

  it('refuses anything but a string, even one that reads as a time', () => {
    expect(isValidLocalTime(['08:00'] as unknown as string)).toBe(false);
    expect(() => parseLocalTime(['08:00'] as unknown as string)).toThrow(RangeError);
  });
});
