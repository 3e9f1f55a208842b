import fc from 'fast-check';
import {
  nextEligibleInstant,
  type ContactWindow,
  type DailyInterval,
  type PhoneType,
  type ScheduleDecision,
  type ScheduleInput,
  type ScheduleNumber,
} from '../../../domain/schedule';
import { scheduleScenarioArb } from '../../helpers/schedule/arbitraries';
import { DAY, HOUR, candidateInstants, inSomeWindow, makeCallableOracle } from '../../helpers/schedule/oracle';

const NY = 'America/New_York';
const NIGHT: DailyInterval[] = [{ start: '21:00', end: '08:00' }];
const d = (iso: string): Date => new Date(iso);
const win = (start: string, end: string): ContactWindow => ({ start: d(start), end: d(end) });
const day = (start: string): ContactWindow => ({ start: d(start), end: new Date(d(start).getTime() + DAY) });
const num = (numberId: string, contactId: string, phoneType: PhoneType, contactZone?: string | null): ScheduleNumber => ({
  numberId,
  contactId,
  phoneType,
  contactZone,
});

function input(overrides: Partial<ScheduleInput> & Pick<ScheduleInput, 'now'>): ScheduleInput {
  return {
    windows: [day(overrides.now.toISOString())],
    numbers: [num('m1', 'c1', 'mobile', NY)],
    quietHours: { mobile: NIGHT },
    timeZoneMode: 'contact',
    limits: {},
    touches: {},
    ...overrides,
  };
}

function eligible(at: string, callableNumberIds: string[]): ScheduleDecision {
  return { kind: 'eligible', at: d(at), callableNumberIds };
}

describe('nextEligibleInstant: examples', () => {
  it('now, when a number is callable inside a window', () => {
    const now = d('2026-06-01T15:00:00.000Z');
    expect(nextEligibleInstant(input({ now }))).toEqual(eligible('2026-06-01T15:00:00.000Z', ['m1']));
  });

  it('New York 21:00-08:00 on spring-forward day 2026-03-08: 08:00 EDT = 12:00Z', () => {
    expect(nextEligibleInstant(input({ now: d('2026-03-08T03:00:00.000Z') }))).toEqual(eligible('2026-03-08T12:00:00.000Z', ['m1']));
  });

  it('New York 21:00-08:00 on fall-back day 2026-11-01: 08:00 EST = 13:00Z', () => {
    expect(nextEligibleInstant(input({ now: d('2026-11-01T03:00:00.000Z') }))).toEqual(eligible('2026-11-01T13:00:00.000Z', ['m1']));
  });

  it('Asia/Kolkata: 08:00 IST = 02:30Z', () => {
    const numbers = [num('m1', 'c1', 'mobile', 'Asia/Kolkata')];
    expect(nextEligibleInstant(input({ now: d('2026-03-07T20:00:00.000Z'), numbers }))).toEqual(
      eligible('2026-03-08T02:30:00.000Z', ['m1']),
    );
  });

  it('Australia/Lord_Howe, 30-minute DST: 08:00 local on both 2026 change days', () => {
    const numbers = [num('m1', 'c1', 'mobile', 'Australia/Lord_Howe')];
    expect(nextEligibleInstant(input({ now: d('2026-04-04T11:00:00.000Z'), numbers }))).toEqual(
      eligible('2026-04-04T21:30:00.000Z', ['m1']),
    );
    expect(nextEligibleInstant(input({ now: d('2026-10-03T11:00:00.000Z'), numbers }))).toEqual(
      eligible('2026-10-03T21:00:00.000Z', ['m1']),
    );
  });

  it("UTC mode ignores the contact's zone", () => {
    const now = d('2026-03-08T03:00:00.000Z');
    expect(nextEligibleInstant(input({ now, timeZoneMode: 'utc' }))).toEqual(eligible('2026-03-08T08:00:00.000Z', ['m1']));
  });

  it('a contact without a zone (or with an invalid one) is evaluated in UTC', () => {
    const now = d('2026-03-08T03:00:00.000Z');
    for (const zone of [undefined, null, '', 'Mars/Olympus_Mons']) {
      const numbers = [num('m1', 'c1', 'mobile', zone)];
      expect(nextEligibleInstant(input({ now, numbers }))).toEqual(eligible('2026-03-08T08:00:00.000Z', ['m1']));
    }
  });

  it("a cap of 1 per day makes the next instant the contact's next local midnight", () => {
    const now = d('2026-03-10T16:00:00.000Z'); // 12:00 EDT
    const touches = { c1: [d('2026-03-10T14:00:00.000Z')] };
    expect(
      nextEligibleInstant(
        input({
          now,
          quietHours: {},
          limits: { perDay: 1 },
          touches,
          windows: [win('2026-03-10T00:00:00.000Z', '2026-03-13T00:00:00.000Z')],
        }),
      ),
    ).toEqual(eligible('2026-03-11T04:00:00.000Z', ['m1']));
    // With quiet hours 21:00-08:00 as well, the contact waits until 08:00 EDT.
    expect(
      nextEligibleInstant(
        input({ now, limits: { perDay: 1 }, touches, windows: [win('2026-03-10T00:00:00.000Z', '2026-03-13T00:00:00.000Z')] }),
      ),
    ).toEqual(eligible('2026-03-11T12:00:00.000Z', ['m1']));
  });

  it('a per-week cap frees on local Monday 00:00', () => {
    const now = d('2026-03-04T16:00:00.000Z'); // Wednesday
    const touches = { c1: [d('2026-03-02T15:00:00.000Z'), d('2026-03-03T15:00:00.000Z')] };
    const windows = [win('2026-03-04T00:00:00.000Z', '2026-03-16T00:00:00.000Z')];
    expect(nextEligibleInstant(input({ now, quietHours: {}, limits: { perWeek: 2 }, touches, windows }))).toEqual(
      eligible('2026-03-09T04:00:00.000Z', ['m1']), // Monday 00:00 EDT (the week after the spring-forward Sunday)
    );
  });

  it('the seed-style 5-month window: a weekly cap then quiet hours', () => {
    const now = d('2025-01-30T16:32:45.930Z'); // Thursday
    const windows = [win('2025-01-30T16:32:45.930Z', '2025-06-25T16:32:45.930Z')];
    const touches = { c1: [d('2025-01-30T15:00:00.000Z')] };
    expect(nextEligibleInstant(input({ now, windows, limits: { perWeek: 1 }, touches }))).toEqual(
      eligible('2025-02-03T13:00:00.000Z', ['m1']), // Monday 08:00 EST
    );
  });

  it('a window in 3 days starts the wait', () => {
    const now = d('2026-06-01T15:00:00.000Z');
    const windows = [win('2026-06-04T16:00:00.000Z', '2026-06-04T18:00:00.000Z')];
    expect(nextEligibleInstant(input({ now, windows }))).toEqual(eligible('2026-06-04T16:00:00.000Z', ['m1']));
  });

  it('windows may be unsorted and overlapping; quiet hours may push into a later window', () => {
    const now = d('2026-06-01T02:00:00.000Z'); // 22:00 EDT
    const windows = [
      win('2026-06-02T13:00:00.000Z', '2026-06-02T14:00:00.000Z'),
      win('2026-06-01T01:00:00.000Z', '2026-06-01T05:00:00.000Z'), // entirely quiet
      win('2026-06-01T04:00:00.000Z', '2026-06-01T11:00:00.000Z'), // still quiet (until 07:00 EDT)
    ];
    expect(nextEligibleInstant(input({ now, windows }))).toEqual(eligible('2026-06-02T13:00:00.000Z', ['m1']));
  });

  it('windows are half-open: a window ending when quiet hours end gives nothing', () => {
    const now = d('2026-06-01T02:00:00.000Z');
    const windows = [win('2026-06-01T02:00:00.000Z', '2026-06-01T12:00:00.000Z')]; // quiet ends 12:00Z (08:00 EDT)
    expect(nextEligibleInstant(input({ now, windows }))).toEqual({ kind: 'none', reason: 'quiet-hours-or-caps' });
    windows[0] = win('2026-06-01T02:00:00.000Z', '2026-06-01T12:00:00.001Z');
    expect(nextEligibleInstant(input({ now, windows }))).toEqual(eligible('2026-06-01T12:00:00.000Z', ['m1']));
  });

  it('windows all in the past (or none at all) -> none, no-window-left', () => {
    const now = d('2026-06-01T15:00:00.000Z');
    const past = [win('2026-05-01T15:00:00.000Z', '2026-05-02T15:00:00.000Z'), win('2026-06-01T14:00:00.000Z', '2026-06-01T15:00:00.000Z')];
    expect(nextEligibleInstant(input({ now, windows: past }))).toEqual({ kind: 'none', reason: 'no-window-left' });
    expect(nextEligibleInstant(input({ now, windows: [] }))).toEqual({ kind: 'none', reason: 'no-window-left' });
  });

  it('excluded numbers are skipped; excluding them all -> none, no-callable-number', () => {
    const now = d('2026-06-01T15:00:00.000Z');
    const numbers = [num('m1', 'c1', 'mobile', NY), num('b1', 'c1', 'business', NY), num('h1', 'c1', 'home', NY)];
    expect(nextEligibleInstant(input({ now, numbers, excludedNumberIds: ['m1'] }))).toEqual(
      eligible('2026-06-01T15:00:00.000Z', ['b1', 'h1']),
    );
    expect(nextEligibleInstant(input({ now, numbers, excludedNumberIds: ['m1', 'b1', 'h1'] }))).toEqual({
      kind: 'none',
      reason: 'no-callable-number',
    });
    expect(nextEligibleInstant(input({ now, numbers: [] }))).toEqual({ kind: 'none', reason: 'no-callable-number' });
  });

  it("a chain where the first contact's mobile is quiet but the second contact's business number is callable", () => {
    const now = d('2026-03-10T03:00:00.000Z'); // 23:00 EDT in New York, 12:00 JST in Tokyo
    const numbers = [num('a-mobile', 'A', 'mobile', NY), num('b-business', 'B', 'business', 'Asia/Tokyo')];
    const quietHours = { mobile: NIGHT, business: [{ start: '18:00', end: '09:00' }] };
    expect(nextEligibleInstant(input({ now, numbers, quietHours }))).toEqual(eligible('2026-03-10T03:00:00.000Z', ['b-business']));
  });

  it('lists every number callable at the instant, in input order; a type without quiet hours is never quiet', () => {
    const now = d('2026-06-01T02:00:00.000Z'); // 22:00 EDT
    const numbers = [
      num('h1', 'c1', 'home', NY),
      num('m1', 'c1', 'mobile', NY),
      num('m2', 'c2', 'mobile', 'Asia/Tokyo'),
      num('b2', 'c2', 'business', 'Asia/Tokyo'),
    ];
    expect(nextEligibleInstant(input({ now, numbers, quietHours: { mobile: NIGHT, home: NIGHT } }))).toEqual(
      eligible('2026-06-01T02:00:00.000Z', ['m2', 'b2']), // 11:00 JST; business has no quiet hours
    );
  });

  it('quiet hours all day, or a cap of 0 -> none, quiet-hours-or-caps', () => {
    const now = d('2026-06-01T15:00:00.000Z');
    const allDay = [
      { start: '00:00', end: '12:00' },
      { start: '12:00', end: '00:00' },
    ];
    expect(nextEligibleInstant(input({ now, quietHours: { mobile: allDay } }))).toEqual({ kind: 'none', reason: 'quiet-hours-or-caps' });
    expect(nextEligibleInstant(input({ now, limits: { perDay: 0 } }))).toEqual({ kind: 'none', reason: 'quiet-hours-or-caps' });
  });

  it('caps are per contact: a second contact under its caps is callable', () => {
    const now = d('2026-06-01T15:00:00.000Z');
    const numbers = [num('m1', 'c1', 'mobile', NY), num('m2', 'c2', 'mobile', NY)];
    const touches = { c1: [d('2026-06-01T14:00:00.000Z')] };
    expect(nextEligibleInstant(input({ now, numbers, touches, limits: { perDay: 1 } }))).toEqual(
      eligible('2026-06-01T15:00:00.000Z', ['m2']),
    );
  });

  it('touches are looked up by own keys only', () => {
    const now = d('2026-06-01T15:00:00.000Z');
    const numbers = [num('m1', 'constructor', 'mobile', NY)];
    expect(nextEligibleInstant(input({ now, numbers, limits: { perDay: 1 } }))).toEqual(eligible('2026-06-01T15:00:00.000Z', ['m1']));
  });

  it("caps use the contact's own zone by default, even in UTC mode; capsTimeZoneMode 'utc' counts UTC days", () => {
    const now = d('2026-06-02T02:00:00.000Z'); // 22:00 EDT on 1 June; already 2 June in UTC
    const touches = { c1: [d('2026-06-01T15:00:00.000Z')] };
    const base = { now, quietHours: {}, touches, limits: { perDay: 1 }, timeZoneMode: 'utc' as const };
    expect(nextEligibleInstant(input(base))).toEqual(eligible('2026-06-02T04:00:00.000Z', ['m1'])); // NY midnight
    expect(nextEligibleInstant(input({ ...base, capsTimeZoneMode: 'utc' }))).toEqual(eligible('2026-06-02T02:00:00.000Z', ['m1']));
  });

  it('refuses an invalid now', () => {
    expect(() => nextEligibleInstant(input({ now: new Date(Number.NaN), windows: [] }))).toThrow(RangeError);
  });

  // Its speed is not asserted here (no wall-clock thresholds in tests); the answer after 150 blocked windows is.
  it('finds the first eligible window after 150 blocked ones spanning months', () => {
    // 150 daily windows at 02:00-03:00Z, all inside New York's 21:00-08:00 quiet hours, then one at noon.
    const start = Date.UTC(2025, 0, 30, 2);
    const windows: ContactWindow[] = [];
    for (let i = 0; i < 150; i++) windows.push({ start: new Date(start + i * DAY), end: new Date(start + i * DAY + HOUR) });
    windows.push(win('2025-06-30T16:00:00.000Z', '2025-06-30T17:00:00.000Z'));
    const decision = nextEligibleInstant(input({ now: new Date(start), windows: windows.reverse() }));
    expect(decision).toEqual(eligible('2025-06-30T16:00:00.000Z', ['m1']));
  });
});

// ---------------------------------------------------------------------------------------------
// Property: the answer is eligible, and nothing eligible comes earlier (brute force per minute).

// The random scenarios live in test/helpers/schedule/arbitraries.ts (scheduleScenarioArb), shared with explain's test.

describe('nextEligibleInstant: properties (random zones, dates near DST changes, quiet hours, windows, touches, caps)', () => {
  it('returns an eligible instant >= now inside a window, with exactly the callable numbers, and skips nothing earlier; none only when nothing is eligible', () => {
    fc.assert(
      fc.property(scheduleScenarioArb, (scenario) => {
        const now = scenario.now.getTime();
        const decision = nextEligibleInstant(scenario);
        const callableAt = makeCallableOracle(scenario);
        const lastEnd = Math.max(now, ...scenario.windows.map((w) => w.end.getTime()));
        const until = decision.kind === 'eligible' ? decision.at.getTime() : lastEnd;

        let earlier: number | null = null;
        for (const c of candidateInstants(scenario, now, until)) {
          if (callableAt(c).length > 0) {
            earlier = c;
            break;
          }
        }
        expect(earlier === null ? null : new Date(earlier).toISOString()).toBeNull();

        if (decision.kind === 'eligible') {
          const at = decision.at.getTime();
          expect(at).toBeGreaterThanOrEqual(now);
          expect(inSomeWindow(scenario, at)).toBe(true);
          expect(decision.callableNumberIds.length).toBeGreaterThan(0);
          expect(decision.callableNumberIds).toEqual(callableAt(at));
        } else {
          const windowLeft = scenario.windows.some((w) => w.end.getTime() > now && w.end.getTime() > w.start.getTime());
          const excluded = new Set(scenario.excludedNumberIds ?? []);
          const numberLeft = scenario.numbers.some((n) => !excluded.has(n.numberId));
          const expected = !windowLeft ? 'no-window-left' : !numberLeft ? 'no-callable-number' : 'quiet-hours-or-caps';
          expect(decision.reason).toBe(expected);
        }
      }),
      { numRuns: 400 },
    );
  });
});
