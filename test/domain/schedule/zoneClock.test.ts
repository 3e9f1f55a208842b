import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  intlOffsetReader,
  isoWeekIndex,
  localDayNumber,
  localTimeOfDay,
  zoneClock,
  zoneClockOver,
} from '../../../domain/schedule/zoneClock';
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

  const inYear = (year: number, month = 5, day = 15, hour = 12): number => {
    const date = new Date(Date.UTC(2000, month, day, hour));
    date.setUTCFullYear(year);
    return date.getTime();
  };

  it('reads offsets in any year, before the common era too (Intl prints 1 BC as year 1)', () => {
    for (const year of [2026, 99, 50, 1, 0, -1, -500]) {
      expect(zoneClock('Etc/GMT+5').offsetAt(inYear(year))).toBe(-5 * 60 * MINUTE);
      expect(zoneClock('Etc/GMT-9').offsetAt(inYear(year))).toBe(9 * 60 * MINUTE);
    }
  });

  it('reads the offset when the local date is the next or previous day, across month and year ends', () => {
    const zones = ['Pacific/Kiritimati', 'Etc/GMT-14', 'Pacific/Pago_Pago', 'Etc/GMT+12', 'Asia/Kolkata', 'America/St_Johns'];
    const ends = [
      Date.UTC(2026, 0, 31, 23, 30, 5), // local Feb 1 east of UTC
      Date.UTC(2026, 1, 1, 0, 30), // local Jan 31 west of UTC
      Date.UTC(2026, 1, 28, 22), // a 28-day February
      Date.UTC(2028, 1, 29, 23), // a leap day
      Date.UTC(2026, 11, 31, 23, 59, 59, 999), // the year's last millisecond
      Date.UTC(2027, 0, 1, 0, 0, 0, 1),
      Date.UTC(2026, 3, 30, 12), // no day change at noon
      inYear(-1, 11, 31, 23), // 2 BC's last hour
    ];
    for (const zone of zones) {
      const read = intlOffsetReader(zone);
      for (const ms of ends) {
        const expected = DateTime.fromMillis(ms, { zone }).offset * MINUTE;
        expect({ zone, at: new Date(ms).toISOString(), offset: read(ms) }).toEqual({
          zone,
          at: new Date(ms).toISOString(),
          offset: expected,
        });
      }
    }
  });

  it('reads the offset in seconds where a zone kept local mean time (Kiritimati in 1970: -10:40)', () => {
    expect(intlOffsetReader('Pacific/Kiritimati')(0)).toBe(-(10 * 60 + 40) * MINUTE);
    expect(intlOffsetReader('Pacific/Kiritimati')(-1)).toBe(-(10 * 60 + 40) * MINUTE);
  });

  it('reads each 8-day chunk of offsets once, and forgets them all after 2048 chunks', () => {
    const reads: number[] = [];
    const clock = zoneClockOver('Test/Counting', (ms) => {
      reads.push(ms);
      return 0;
    });
    const chunk = 8 * 86_400_000;
    clock.offsetAt(1000);
    const perChunk = reads.length;
    expect(perChunk).toBe(9); // the chunk's start and one sample per day
    clock.offsetAt(chunk - 1);
    expect(clock.nextTransition(0, chunk - 1)).toBeNull();
    expect(reads.length).toBe(perChunk);
    for (let k = 1; k < 2048; k++) clock.offsetAt(k * chunk);
    clock.offsetAt(0);
    expect(reads.length).toBe(2048 * perChunk); // 2048 chunks fit
    clock.offsetAt(2048 * chunk); // the 2049th starts over
    clock.offsetAt(0);
    expect(reads.length).toBe(2050 * perChunk);
  });

  it('finds transitions a day apart, to the millisecond, in the chunk that holds them', () => {
    const day = 86_400_000;
    const changes = [3 * day + 5, 4 * day + 5, 4 * day + 7, 8 * day];
    const clock = zoneClockOver('Test/Steps', (ms) => changes.filter((t) => t <= ms).length * 60_000);
    const found: number[] = [];
    for (let t = clock.nextTransition(-1, 20 * day); t !== null; t = clock.nextTransition(t, 20 * day)) found.push(t);
    expect(found).toEqual(changes);
    expect(changes.map((t) => [clock.offsetAt(t - 1), clock.offsetAt(t)])).toEqual([
      [0, 60_000],
      [60_000, 120_000],
      [120_000, 180_000],
      [180_000, 240_000],
    ]);
    expect(clock.nextTransition(8 * day, 20 * day)).toBeNull();
    expect(clock.nextTransition(0, 3 * day + 4)).toBeNull();
    expect(clock.nextTransition(0, 3 * day + 5)).toBe(3 * day + 5);
    expect(clock.localMs(8 * day)).toBe(8 * day + 240_000);
  });

  it('gives one clock per zone name', () => {
    expect(zoneClock('Europe/Paris')).toBe(zoneClock('Europe/Paris'));
    expect(zoneClock('UTC').localMs(1234)).toBe(1234);
    expect(zoneClock('Nowhere/Invalid')).toBe(zoneClock('UTC'));
  });
});
