import fc from 'fast-check';
import { DateTime } from 'luxon';
import { isoWeekIndex, localDayNumber, localTimeOfDay, zoneClock } from '../../../domain/schedule/zoneClock';
import { zoneAndInstantArb } from '../../helpers/schedule/arbitraries';
import { MINUTE, RANGE_END, RANGE_START, ZONES, zoneTransitions } from '../../helpers/schedule/oracle';

describe('zoneClock (internal wall clock)', () => {
  it('reads the offsets Intl/luxon read', () => {
    fc.assert(
      fc.property(zoneAndInstantArb, ({ zone, ms }) => {
        expect(zoneClock(zone).offsetAt(ms)).toBe(DateTime.fromMillis(ms, { zone }).offset * MINUTE);
      }),
      { numRuns: 500 },
    );
  });

  it.each(ZONES.map((z) => [z]))('finds every 2025-2027 transition of %s, to the millisecond', (zone) => {
    const clock = zoneClock(zone);
    const found: number[] = [];
    for (let t = clock.nextTransition(RANGE_START, RANGE_END); t !== null; t = clock.nextTransition(t, RANGE_END)) found.push(t);
    expect(found).toEqual(zoneTransitions(zone));
    // The test oracle's assumption: offsets in whole quarter hours, transitions on quarter-hour UTC boundaries.
    for (const t of found) {
      expect(t % (15 * MINUTE)).toBe(0);
      expect(Math.abs(clock.offsetAt(t) % (15 * MINUTE))).toBe(0);
      expect(clock.offsetAt(t - 1)).not.toBe(clock.offsetAt(t));
    }
  });

  it('has transitions where expected (New York, Lord Howe) and none in Kolkata/Tokyo/UTC', () => {
    expect(zoneTransitions('America/New_York').map((t) => new Date(t).toISOString())).toContain('2026-03-08T07:00:00.000Z');
    expect(zoneTransitions('America/New_York').map((t) => new Date(t).toISOString())).toContain('2026-11-01T06:00:00.000Z');
    // Lord Howe: 02:00 LHDT (+11) -> 01:30 LHST on 2026-04-05; 02:00 LHST (+10:30) -> 02:30 on 2026-10-04.
    expect(zoneTransitions('Australia/Lord_Howe').map((t) => new Date(t).toISOString())).toEqual(
      expect.arrayContaining(['2026-04-04T15:00:00.000Z', '2026-10-03T15:30:00.000Z']),
    );
    for (const zone of ['Asia/Kolkata', 'Asia/Tokyo', 'UTC']) expect(zoneClock(zone).nextTransition(RANGE_START, RANGE_END)).toBeNull();
  });

  it('uses the UTC clock for an invalid zone name', () => {
    expect(zoneClock('Mars/Olympus_Mons').zone).toBe('UTC');
    expect(zoneClock('Mars/Olympus_Mons').offsetAt(Date.UTC(2026, 6, 1))).toBe(0);
  });

  it('derives local day, time of day and ISO week', () => {
    const local = zoneClock('America/New_York').localMs(Date.parse('2026-03-09T03:59:59.999Z')); // Sun 23:59:59.999 EDT
    expect(new Date(localDayNumber(local) * 86_400_000).toISOString().slice(0, 10)).toBe('2026-03-08');
    expect(localTimeOfDay(local)).toBe(86_400_000 - 1);
    const sunday = localDayNumber(Date.UTC(2026, 2, 8));
    expect(isoWeekIndex(sunday + 1)).toBe(isoWeekIndex(sunday) + 1); // Monday starts a week
    expect(isoWeekIndex(sunday - 6)).toBe(isoWeekIndex(sunday)); // from Monday 2 March
  });

  it('reads offsets in years 1-99 too (Date.UTC would read them as 1901-1999)', () => {
    const inYear = (year: number): number => {
      const date = new Date(Date.UTC(2000, 5, 15, 12));
      date.setUTCFullYear(year);
      return date.getTime();
    };
    for (const year of [99, 50, 1]) {
      expect(zoneClock('Etc/GMT+5').offsetAt(inYear(year))).toBe(-5 * 60 * MINUTE);
      expect(zoneClock('Etc/GMT-9').offsetAt(inYear(year))).toBe(9 * 60 * MINUTE);
    }
  });
});
