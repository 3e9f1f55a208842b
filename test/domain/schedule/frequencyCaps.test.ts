import fc from 'fast-check';
import { capsAllow, capsFreeAt, hasCaps, nextCapReset } from '../../../domain/schedule';
import { limitsArb, zoneAndInstantArb } from '../../helpers/schedule/arbitraries';
import { DAY, MINUTE, oracleCapsAllow } from '../../helpers/schedule/oracle';

const NY = 'America/New_York';
const d = (iso: string): Date => new Date(iso);
const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

describe('capsAllow', () => {
  it('allows everything without limits', () => {
    const touches = [d('2026-03-08T15:00:00Z'), d('2026-03-08T16:00:00Z')];
    expect(capsAllow(touches, {}, NY, d('2026-03-08T17:00:00Z'))).toBe(true);
    expect(nextCapReset(touches, {}, NY, d('2026-03-08T17:00:00Z'))).toBeNull();
    expect(iso(capsFreeAt(touches, {}, NY, d('2026-03-08T17:00:00Z')))).toBe('2026-03-08T17:00:00.000Z');
  });

  it("counts per local calendar day of the contact's zone", () => {
    // 14:30Z = 23:30 JST on the 7th; 15:30Z = 00:30 JST on the 8th: a new day in Tokyo, not in UTC.
    const touches = [d('2026-03-07T14:30:00Z')];
    expect(capsAllow(touches, { perDay: 1 }, 'Asia/Tokyo', d('2026-03-07T14:59:00Z'))).toBe(false);
    expect(capsAllow(touches, { perDay: 1 }, 'Asia/Tokyo', d('2026-03-07T15:30:00Z'))).toBe(true);
    expect(capsAllow(touches, { perDay: 1 }, 'UTC', d('2026-03-07T15:30:00Z'))).toBe(false);
    expect(capsAllow(touches, { perDay: 2 }, 'UTC', d('2026-03-07T15:30:00Z'))).toBe(true);
  });

  it('a limit of 0 never allows and never frees', () => {
    expect(capsAllow([], { perDay: 0 }, NY, d('2026-03-08T15:00:00Z'))).toBe(false);
    expect(capsFreeAt([], { perDay: 0 }, NY, d('2026-03-08T15:00:00Z'))).toBeNull();
    expect(nextCapReset([], { perWeek: 0 }, NY, d('2026-03-08T15:00:00Z'))).toBeNull();
  });

  it('ignores invalid touch dates', () => {
    expect(capsAllow([new Date(Number.NaN)], { perDay: 1 }, NY, d('2026-03-08T15:00:00Z'))).toBe(true);
  });

  it('matches the brute-force count (random zones, instants near DST changes, touches, limits)', () => {
    fc.assert(
      fc.property(
        zoneAndInstantArb.chain(({ zone, ms }) =>
          fc.record({
            zone: fc.constant(zone),
            ms: fc.constant(ms),
            limits: limitsArb,
            touches: fc.array(
              fc.integer({ min: -9 * DAY, max: 2 * DAY }).map((delta) => new Date(ms + delta)),
              { maxLength: 6 },
            ),
          }),
        ),
        ({ zone, ms, limits, touches }) => {
          expect(capsAllow(touches, limits, zone, new Date(ms))).toBe(oracleCapsAllow(ms, touches, limits, zone));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('nextCapReset / capsFreeAt', () => {
  it('a cap of 1 per day frees at the next local midnight (New York, spring-forward day)', () => {
    const touches = [d('2026-03-08T15:00:00Z')]; // 11:00 EDT, Sunday 8 March
    const at = d('2026-03-08T16:00:00Z');
    expect(capsAllow(touches, { perDay: 1 }, NY, at)).toBe(false);
    expect(iso(nextCapReset(touches, { perDay: 1 }, NY, at))).toBe('2026-03-09T04:00:00.000Z'); // 00:00 EDT
    expect(iso(capsFreeAt(touches, { perDay: 1 }, NY, at))).toBe('2026-03-09T04:00:00.000Z');
    expect(capsAllow(touches, { perDay: 1 }, NY, d('2026-03-09T03:59:59.999Z'))).toBe(false);
    expect(capsAllow(touches, { perDay: 1 }, NY, d('2026-03-09T04:00:00.000Z'))).toBe(true);
  });

  it('a cap of 1 per day frees at the next local midnight (New York, fall-back day, 25 hours long)', () => {
    const touches = [d('2026-11-01T04:30:00Z')]; // 00:30 EDT, Sunday 1 November
    expect(iso(nextCapReset(touches, { perDay: 1 }, NY, d('2026-11-01T05:00:00Z')))).toBe('2026-11-02T05:00:00.000Z'); // 00:00 EST
  });

  it('a weekly cap frees on local Monday 00:00', () => {
    const touches = [d('2026-03-02T14:00:00Z'), d('2026-03-03T14:00:00Z')]; // Mon 2 and Tue 3 March
    const at = d('2026-03-04T14:00:00Z');
    expect(capsAllow(touches, { perWeek: 2 }, NY, at)).toBe(false);
    expect(iso(nextCapReset(touches, { perWeek: 2 }, NY, at))).toBe('2026-03-09T04:00:00.000Z'); // Mon 9 March 00:00 EDT
    expect(iso(nextCapReset(touches, { perWeek: 2 }, 'Asia/Kolkata', at))).toBe('2026-03-08T18:30:00.000Z'); // 00:00 IST
  });

  it('the day cap and the week cap combine: whichever frees the contact', () => {
    const touches = [d('2026-03-05T14:00:00Z'), d('2026-03-06T14:00:00Z')]; // Thu, Fri
    // Day cap alone frees at Saturday 00:00; with a weekly cap of 2 the contact waits until Monday.
    expect(iso(nextCapReset(touches, { perDay: 1, perWeek: 5 }, 'UTC', d('2026-03-06T15:00:00Z')))).toBe('2026-03-07T00:00:00.000Z');
    expect(iso(nextCapReset(touches, { perDay: 1, perWeek: 2 }, 'UTC', d('2026-03-06T15:00:00Z')))).toBe('2026-03-09T00:00:00.000Z');
  });

  it('frees at the transition when local midnight does not exist (America/Santiago, 2026-09-06)', () => {
    // Saturday 5 Sept 24:00 -04 becomes Sunday 01:00 -03 at 04:00Z: the first instant of Sunday.
    const touches = [d('2026-09-05T15:00:00Z')];
    expect(iso(nextCapReset(touches, { perDay: 1 }, 'America/Santiago', d('2026-09-05T16:00:00Z')))).toBe('2026-09-06T04:00:00.000Z');
  });

  it('waits for the second midnight when the clock falls back across midnight (America/Santiago, 2026-04-05)', () => {
    // Saturday 4 April 24:00 -03 (03:00Z) falls back to Saturday 23:00 -04: Sunday starts at 04:00Z.
    const touches = [d('2026-04-04T15:00:00Z')];
    expect(capsAllow(touches, { perDay: 1 }, 'America/Santiago', d('2026-04-05T03:30:00Z'))).toBe(false);
    expect(iso(nextCapReset(touches, { perDay: 1 }, 'America/Santiago', d('2026-04-04T16:00:00Z')))).toBe('2026-04-05T04:00:00.000Z');
  });

  it('is the earliest instant the caps allow (brute force over every quarter hour)', () => {
    fc.assert(
      fc.property(
        zoneAndInstantArb.chain(({ zone, ms }) =>
          fc.record({
            zone: fc.constant(zone),
            ms: fc.constant(ms),
            limits: limitsArb,
            touches: fc.array(
              fc.integer({ min: -9 * DAY, max: DAY }).map((delta) => new Date(ms + delta)),
              { maxLength: 6 },
            ),
          }),
        ),
        ({ zone, ms, limits, touches }) => {
          const at = new Date(ms);
          const free = capsFreeAt(touches, limits, zone, at);
          const reset = nextCapReset(touches, limits, zone, at);
          const never = limits.perDay === 0 || limits.perWeek === 0;
          if (never) {
            expect(free).toBeNull();
            expect(reset).toBeNull();
            return;
          }
          expect(free).not.toBeNull();
          const f = free!.getTime();
          expect(f).toBeGreaterThanOrEqual(ms);
          expect(oracleCapsAllow(f, touches, limits, zone)).toBe(true);
          const allowedNow = oracleCapsAllow(ms, touches, limits, zone);
          expect(f === ms).toBe(allowedNow);
          expect(reset === null ? null : reset.getTime()).toBe(allowedNow ? null : f);
          let firstAllowed: number | null = null;
          const quarter = 15 * MINUTE;
          for (let m = Math.ceil((ms + 1) / quarter) * quarter; m < f && firstAllowed === null; m += quarter) {
            if (oracleCapsAllow(m, touches, limits, zone)) firstAllowed = m;
          }
          expect(firstAllowed === null ? null : new Date(firstAllowed).toISOString()).toBeNull();
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('hasCaps', () => {
  it('is true when a day or a week limit is a finite number (0 included), false for none or unlimited ones', () => {
    expect(hasCaps({})).toBe(false);
    expect(hasCaps({ perDay: Infinity, perWeek: Infinity })).toBe(false);
    expect(hasCaps({ perDay: 3 })).toBe(true);
    expect(hasCaps({ perWeek: 2 })).toBe(true);
    expect(hasCaps({ perDay: 0 })).toBe(true);
    expect(hasCaps({ perDay: Infinity, perWeek: 1 })).toBe(true);
    expect(hasCaps({ perDay: 1, perWeek: Infinity })).toBe(true);
  });

  it('an unlimited (Infinity) limit caps nothing, next to a finite one that does', () => {
    const touches = [d('2026-06-01T15:00:00Z')];
    expect(capsAllow(touches, { perDay: Infinity }, NY, d('2026-06-01T16:00:00Z'))).toBe(true);
    expect(capsAllow(touches, { perDay: Infinity, perWeek: 1 }, NY, d('2026-06-01T16:00:00Z'))).toBe(false);
  });
});

describe('an invalid instant asked about', () => {
  it('is refused with a RangeError that names it', () => {
    const invalid = new Date(Number.NaN);
    expect(() => capsAllow([], { perDay: 1 }, NY, invalid)).toThrow('schedule: at is not a valid Date');
    expect(() => capsFreeAt([], { perDay: 1 }, NY, invalid)).toThrow('schedule: at is not a valid Date');
    expect(() => nextCapReset([], { perDay: 1 }, NY, invalid)).toThrow('schedule: at is not a valid Date');
  });
});
