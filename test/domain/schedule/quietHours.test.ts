import fc from 'fast-check';
import { isInQuietHours, quietHoursEndAfter, type DailyInterval } from '../../../domain/schedule';
import { fallBackNightArb, intervalsArb, zoneAndInstantArb } from '../../helpers/schedule/arbitraries';
import { DAY, MINUTE, oracleQuiet } from '../../helpers/schedule/oracle';

const NY = 'America/New_York';
const LORD_HOWE = 'Australia/Lord_Howe';
const NIGHT: DailyInterval[] = [{ start: '21:00', end: '08:00' }];
const at = (iso: string): Date => new Date(iso);
const endIso = (from: string, intervals: DailyInterval[] | undefined, zone: string): string | null =>
  quietHoursEndAfter(at(from), intervals, zone)?.toISOString() ?? null;

describe('isInQuietHours', () => {
  it('uses the local wall clock, start inclusive and end exclusive', () => {
    expect(isInQuietHours(at('2026-06-01T00:59:59.999Z'), NIGHT, NY)).toBe(false); // 20:59:59.999 EDT
    expect(isInQuietHours(at('2026-06-01T01:00:00.000Z'), NIGHT, NY)).toBe(true); // 21:00 EDT
    expect(isInQuietHours(at('2026-06-01T11:59:59.999Z'), NIGHT, NY)).toBe(true); // 07:59:59.999 EDT
    expect(isInQuietHours(at('2026-06-01T12:00:00.000Z'), NIGHT, NY)).toBe(false); // 08:00 EDT
  });

  it('has no quiet hours without intervals, or with empty ones (start == end)', () => {
    expect(isInQuietHours(at('2026-06-01T03:00:00Z'), undefined, NY)).toBe(false);
    expect(isInQuietHours(at('2026-06-01T03:00:00Z'), [], NY)).toBe(false);
    expect(isInQuietHours(at('2026-06-01T03:00:00Z'), [{ start: '23:00', end: '23:00' }], NY)).toBe(false);
  });

  it('evaluates an invalid zone as UTC and refuses malformed times', () => {
    expect(isInQuietHours(at('2026-06-01T22:00:00Z'), NIGHT, 'Mars/Olympus_Mons')).toBe(true);
    expect(() => isInQuietHours(at('2026-06-01T22:00:00Z'), [{ start: '25:00', end: '08:00' }], 'UTC')).toThrow(RangeError);
    expect(() => isInQuietHours(new Date(Number.NaN), NIGHT, 'UTC')).toThrow(RangeError);
    // The error names what is wrong.
    expect(() => quietHoursEndAfter(new Date(Number.NaN), NIGHT, 'UTC')).toThrow('schedule: at is not a valid Date');
    expect(() => isInQuietHours(at('2026-06-01T22:00:00Z'), [{ start: '25:00', end: '08:00' }], 'UTC')).toThrow(
      '"25:00" is not a local time',
    );
  });

  it('matches the brute-force wall-clock reading (random zones, instants near DST changes, intervals)', () => {
    fc.assert(
      fc.property(zoneAndInstantArb, intervalsArb, ({ zone, ms }, intervals) => {
        expect(isInQuietHours(new Date(ms), intervals, zone)).toBe(oracleQuiet(ms, intervals, zone));
      }),
      { numRuns: 500 },
    );
  });

  it('matches the brute-force replay on fall-back nights (periods carried over the jump back)', () => {
    fc.assert(
      fc.property(fallBackNightArb, ({ zone, ms, intervals }) => {
        expect(isInQuietHours(new Date(ms), intervals, zone)).toBe(oracleQuiet(ms, intervals, zone));
        const end = quietHoursEndAfter(new Date(ms), intervals, zone);
        if (end === null) return;
        expect(oracleQuiet(end.getTime(), intervals, zone)).toBe(false);
        for (let m = Math.ceil((ms + 1) / MINUTE) * MINUTE; m < end.getTime(); m += MINUTE)
          expect(oracleQuiet(m, intervals, zone)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('quietHoursEndAfter', () => {
  it('returns `at` itself when not quiet', () => {
    expect(endIso('2026-06-01T15:00:00.000Z', NIGHT, NY)).toBe('2026-06-01T15:00:00.000Z');
    expect(endIso('2026-06-01T15:00:00.000Z', undefined, NY)).toBe('2026-06-01T15:00:00.000Z');
  });

  it('New York, spring forward 2026-03-08: 21:00-08:00 ends at 08:00 EDT = 12:00Z', () => {
    expect(endIso('2026-03-08T03:00:00.000Z', NIGHT, NY)).toBe('2026-03-08T12:00:00.000Z'); // from 22:00 EST
    expect(endIso('2026-03-08T06:59:59.999Z', NIGHT, NY)).toBe('2026-03-08T12:00:00.000Z'); // from 01:59:59.999 EST
    expect(isInQuietHours(at('2026-03-08T11:59:59.999Z'), NIGHT, NY)).toBe(true);
    expect(isInQuietHours(at('2026-03-08T12:00:00.000Z'), NIGHT, NY)).toBe(false);
  });

  it('New York, fall back 2026-11-01: 21:00-08:00 ends at 08:00 EST = 13:00Z', () => {
    expect(endIso('2026-11-01T02:00:00.000Z', NIGHT, NY)).toBe('2026-11-01T13:00:00.000Z'); // from 22:00 EDT
    expect(endIso('2026-11-01T06:30:00.000Z', NIGHT, NY)).toBe('2026-11-01T13:00:00.000Z'); // from the second 01:30
    expect(isInQuietHours(at('2026-11-01T12:59:59.999Z'), NIGHT, NY)).toBe(true);
    expect(isInQuietHours(at('2026-11-01T13:00:00.000Z'), NIGHT, NY)).toBe(false);
  });

  it('an end inside the skipped hour is reached at the jump (02:30 on 2026-03-08 -> 03:00 EDT = 07:00Z)', () => {
    const untilHalfPastTwo: DailyInterval[] = [{ start: '21:00', end: '02:30' }];
    expect(endIso('2026-03-08T04:00:00.000Z', untilHalfPastTwo, NY)).toBe('2026-03-08T07:00:00.000Z');
    expect(isInQuietHours(at('2026-03-08T06:59:59.999Z'), untilHalfPastTwo, NY)).toBe(true); // 01:59:59.999 EST
    expect(isInQuietHours(at('2026-03-08T07:00:00.000Z'), untilHalfPastTwo, NY)).toBe(false); // 03:00 EDT
  });

  it('a start inside the skipped hour is quiet from the jump (02:30-06:00 on 2026-03-08)', () => {
    const early: DailyInterval[] = [{ start: '02:30', end: '06:00' }];
    expect(isInQuietHours(at('2026-03-08T06:59:59.999Z'), early, NY)).toBe(false);
    expect(isInQuietHours(at('2026-03-08T07:00:00.000Z'), early, NY)).toBe(true);
    expect(endIso('2026-03-08T07:00:00.000Z', early, NY)).toBe('2026-03-08T10:00:00.000Z'); // 06:00 EDT
  });

  it('a quiet period begun before the clock goes back lasts until its end (01:30-02:30 on 2026-11-01)', () => {
    const repeated: DailyInterval[] = [{ start: '01:30', end: '02:30' }];
    // 05:30Z = 01:30 EDT: the period runs through the jump back (06:00Z) and ends at 02:30 EST (07:30Z).
    expect(endIso('2026-11-01T05:30:00.000Z', repeated, NY)).toBe('2026-11-01T07:30:00.000Z');
    expect(isInQuietHours(at('2026-11-01T06:15:00.000Z'), repeated, NY)).toBe(true); // 01:15 EST, still in the period
    expect(endIso('2026-11-01T06:30:00.000Z', repeated, NY)).toBe('2026-11-01T07:30:00.000Z');
    // Quiet 00:00-01:30 ends at the first 01:30 (05:30Z); the jump back to 01:00 EST (06:00Z) is on the wall clock again.
    expect(endIso('2026-11-01T04:10:00.000Z', [{ start: '00:00', end: '01:30' }], NY)).toBe('2026-11-01T05:30:00.000Z');
    expect(isInQuietHours(at('2026-11-01T05:59:59.999Z'), [{ start: '00:00', end: '01:30' }], NY)).toBe(false);
    expect(endIso('2026-11-01T06:00:00.000Z', [{ start: '00:00', end: '01:30' }], NY)).toBe('2026-11-01T06:30:00.000Z');
    // A period that ends exactly at the jump (00:00-02:00) is over; 01:00 EST is quiet again on the wall clock.
    expect(endIso('2026-11-01T05:00:00.000Z', [{ start: '00:00', end: '02:00' }], NY)).toBe('2026-11-01T07:00:00.000Z');
  });

  it.each([
    // zone, quiet interval, the second (repeated) local time that is no longer callable, its UTC instant, the period's end
    [NY, '01:30', '07:00', '01:00 EST', '2026-11-01T06:00:00.000Z', '2026-11-01T12:00:00.000Z'],
    ['Europe/London', '01:30', '07:00', '01:00 GMT', '2026-10-25T01:00:00.000Z', '2026-10-25T07:00:00.000Z'],
    ['Europe/Berlin', '02:30', '07:00', '02:00 CET', '2026-10-25T01:00:00.000Z', '2026-10-25T06:00:00.000Z'],
    ['Australia/Sydney', '02:30', '07:00', '02:00 AEST', '2026-04-04T16:00:00.000Z', '2026-04-04T21:00:00.000Z'],
    ['Australia/Lord_Howe', '01:45', '07:00', '01:30 LHST', '2026-04-04T15:00:00.000Z', '2026-04-04T20:30:00.000Z'],
  ])(
    '%s: quiet %s-%s begun before the fall-back keeps %s quiet (no call between two quiet stretches)',
    (zone, start, end, _local, repeatedAt, endsAt) => {
      const night: DailyInterval[] = [{ start, end }];
      expect(isInQuietHours(at(repeatedAt), night, zone)).toBe(true);
      expect(endIso(repeatedAt, night, zone)).toBe(endsAt);
      expect(isInQuietHours(at(endsAt), night, zone)).toBe(false);
    },
  );

  it('Lord Howe, 30-minute DST: ends at 08:00 local on both change days', () => {
    // 2026-04-05: 02:00 LHDT (+11) -> 01:30 LHST (+10:30); 08:00 LHST = 21:30Z on 04-04.
    expect(endIso('2026-04-04T11:00:00.000Z', NIGHT, LORD_HOWE)).toBe('2026-04-04T21:30:00.000Z');
    // 2026-10-04: 02:00 LHST (+10:30) -> 02:30 LHDT (+11); 08:00 LHDT = 21:00Z on 10-03.
    expect(endIso('2026-10-03T11:00:00.000Z', NIGHT, LORD_HOWE)).toBe('2026-10-03T21:00:00.000Z');
    // Quiet until 02:15, inside the skipped half hour: ends at the jump (02:00 LHST = 15:30Z).
    expect(endIso('2026-10-03T11:00:00.000Z', [{ start: '21:00', end: '02:15' }], LORD_HOWE)).toBe('2026-10-03T15:30:00.000Z');
  });

  it('Asia/Kolkata (+05:30, no DST): 08:00 IST = 02:30Z', () => {
    expect(endIso('2026-03-07T20:00:00.000Z', NIGHT, 'Asia/Kolkata')).toBe('2026-03-08T02:30:00.000Z');
  });

  it('UTC and zones without DST', () => {
    expect(endIso('2026-03-07T22:00:00.000Z', NIGHT, 'UTC')).toBe('2026-03-08T08:00:00.000Z');
    expect(endIso('2026-03-07T22:00:00.000Z', NIGHT, 'Asia/Tokyo')).toBe('2026-03-07T23:00:00.000Z'); // 08:00 JST
  });

  it('merges overlapping and chained intervals', () => {
    const chained: DailyInterval[] = [
      { start: '22:00', end: '02:00' },
      { start: '21:00', end: '23:00' },
      { start: '02:00', end: '06:00' },
    ];
    expect(endIso('2026-06-01T21:30:00.000Z', chained, 'UTC')).toBe('2026-06-02T06:00:00.000Z');
  });

  it('returns null when quiet hours cover the whole day', () => {
    const allDay: DailyInterval[] = [
      { start: '00:00', end: '12:00' },
      { start: '12:00', end: '00:00' },
    ];
    expect(quietHoursEndAfter(at('2026-03-08T06:00:00Z'), allDay, NY)).toBeNull();
    expect(isInQuietHours(at('2026-03-08T06:00:00Z'), allDay, NY)).toBe(true);
  });

  it('is the earliest non-quiet instant >= at (brute force over every minute)', () => {
    fc.assert(
      fc.property(zoneAndInstantArb, intervalsArb, ({ zone, ms }, intervals) => {
        const end = quietHoursEndAfter(new Date(ms), intervals, zone);
        if (end === null) {
          let firstNotQuiet: number | null = null;
          for (let m = ms; m < ms + 2 * DAY && firstNotQuiet === null; m += 15 * MINUTE)
            if (!oracleQuiet(m, intervals, zone)) firstNotQuiet = m;
          expect(firstNotQuiet).toBeNull();
          return;
        }
        const e = end.getTime();
        expect(e).toBeGreaterThanOrEqual(ms);
        expect(oracleQuiet(e, intervals, zone)).toBe(false);
        if (e > ms) expect(oracleQuiet(ms, intervals, zone)).toBe(true);
        expect(e - ms).toBeLessThan(2 * DAY);
        let firstNotQuiet: number | null = null;
        for (let m = Math.ceil((ms + 1) / MINUTE) * MINUTE; m < e && firstNotQuiet === null; m += MINUTE) {
          if (!oracleQuiet(m, intervals, zone)) firstNotQuiet = m;
        }
        expect(firstNotQuiet === null ? null : new Date(firstNotQuiet).toISOString()).toBeNull();
      }),
      { numRuns: 400 },
    );
  });
});
