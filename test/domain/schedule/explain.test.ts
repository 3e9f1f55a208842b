import fc from 'fast-check';
import { explainAt, scheduleWithReason } from '../../../domain/schedule/explain';
import { capsAllow, isInQuietHours, nextEligibleInstant, resolveZone, type ScheduleInput } from '../../../domain/schedule';
import { scheduleScenarioArb } from '../../helpers/schedule/arbitraries';
import { HOUR, MINUTE, inSomeWindow } from '../../helpers/schedule/oracle';

const NY = 'America/New_York';
const d = (iso: string) => new Date(iso);

function nyInput(overrides: Partial<ScheduleInput> & Pick<ScheduleInput, 'now'>): ScheduleInput {
  return {
    windows: [{ start: d('2026-03-01T00:00:00.000Z'), end: d('2026-03-20T00:00:00.000Z') }],
    numbers: [{ numberId: '0:mobile', contactId: 'c1', phoneType: 'mobile', contactZone: NY }],
    quietHours: { mobile: [{ start: '21:00', end: '08:00' }] },
    timeZoneMode: 'contact',
    limits: {},
    touches: {},
    ...overrides,
  };
}

/** Callable by definition, from the public single-condition predicates (not explain's own code path). */
function callableByDefinition(input: ScheduleInput, ms: number): string[] {
  if (!inSomeWindow(input, ms)) return [];
  const excluded = new Set(input.excludedNumberIds ?? []);
  const capsZone = new Map<string, string>();
  for (const n of input.numbers) {
    if (!excluded.has(n.numberId) && !capsZone.has(n.contactId))
      capsZone.set(n.contactId, resolveZone(n.contactZone, input.capsTimeZoneMode ?? 'contact'));
  }
  return input.numbers
    .filter((n) => !excluded.has(n.numberId))
    .filter((n) => !isInQuietHours(new Date(ms), input.quietHours[n.phoneType], resolveZone(n.contactZone, input.timeZoneMode)))
    .filter((n) => capsAllow(input.touches[n.contactId] ?? [], input.limits, capsZone.get(n.contactId)!, new Date(ms)))
    .map((n) => n.numberId);
}

describe('explainAt: examples', () => {
  it('names the quiet interval, the local time, the zone and its source, and the end (local and UTC)', () => {
    // 2026-03-10 01:59Z = 21:59 EDT on the 9th; quiet 21:00-08:00 ends 08:00 EDT = 12:00Z.
    const e = explainAt(nyInput({ now: d('2026-03-10T01:59:00.000Z') }), d('2026-03-10T01:59:00.000Z'));
    expect(e.callable).toBe(false);
    expect(e.numbers[0]!.reasons).toEqual([
      {
        code: 'quiet-hours',
        detail: expect.objectContaining({
          zone: NY,
          zoneSource: 'contact-zone',
          localTime: '21:59',
          interval: { start: '21:00', end: '08:00' },
          endsAt: '2026-03-10T12:00:00.000Z',
          endsAtLocal: '2026-03-10T08:00',
        }),
      },
    ]);
  });

  it('names the cap, the touches that used it and when it frees', () => {
    const touches = { c1: [d('2026-03-10T14:00:00.000Z'), d('2026-03-10T15:00:00.000Z')] };
    const e = explainAt(nyInput({ now: d('2026-03-10T16:00:00.000Z'), limits: { perDay: 2 }, touches }), d('2026-03-10T16:00:00.000Z'));
    expect(e.numbers[0]!.reasons).toEqual([
      {
        code: 'frequency-cap',
        detail: expect.objectContaining({
          limit: 'perDay',
          max: 2,
          used: 2,
          zone: NY,
          period: '2026-03-10',
          touches: ['2026-03-10T14:00:00.000Z', '2026-03-10T15:00:00.000Z'],
          freesAt: '2026-03-11T04:00:00.000Z',
        }),
      },
    ]);
  });

  it('outside every window, with the next opening; an invalid number', () => {
    const input = nyInput({
      now: d('2026-02-28T12:00:00.000Z'),
      excludedNumberIds: ['0:mobile'],
    });
    const e = explainAt(input, input.now);
    expect(e.numbers[0]!.reasons.map((r) => r.code)).toEqual(['outside-windows', 'number-invalid']);
    expect(e.numbers[0]!.reasons[0]!.detail).toMatchObject({ opensAt: '2026-03-01T00:00:00.000Z' });
  });
});

describe('scheduleWithReason: which condition binds', () => {
  it('quiet hours, with the end instant as `until`', () => {
    const v = scheduleWithReason(nyInput({ now: d('2026-03-10T03:00:00.000Z') }));
    expect(v.wait).toMatchObject({ reason: 'quiet-hours', until: '2026-03-10T12:00:00.000Z' });
    expect(v.wait?.detail).toMatchObject({ numbers: [{ numberId: '0:mobile', phoneType: 'mobile', localTime: '23:00', zone: NY }] });
  });

  it('the window, then the caps, and nothing when callable now', () => {
    expect(scheduleWithReason(nyInput({ now: d('2026-02-27T15:00:00.000Z') })).wait).toMatchObject({
      reason: 'window',
      until: '2026-03-01T00:00:00.000Z',
    });
    const capped = scheduleWithReason(
      nyInput({ now: d('2026-03-10T16:00:00.000Z'), limits: { perDay: 1 }, touches: { c1: [d('2026-03-10T14:00:00.000Z')] } }),
    );
    expect(capped.wait).toMatchObject({ reason: 'frequency-cap', until: '2026-03-11T12:00:00.000Z', detail: { limit: 'perDay', used: 1 } });
    expect(scheduleWithReason(nyInput({ now: d('2026-03-10T16:00:00.000Z') })).wait).toBeUndefined();
  });
});

describe('explainAt and the scheduler agree (random deliveries, zones near DST changes, instants)', () => {
  it('callable at t <=> inside a window, outside that number quiet hours and under the caps; the next instant is the first callable one', () => {
    fc.assert(
      fc.property(
        scheduleScenarioArb,
        fc.array(fc.integer({ min: -2 * HOUR, max: 40 * HOUR }), { minLength: 1, maxLength: 6 }),
        (input, offsets) => {
          const now = input.now.getTime();
          for (const offset of offsets) {
            const t = now + offset;
            const e = explainAt(input, new Date(t));
            const expected = callableByDefinition(input, t);
            expect(e.numbers.filter((n) => n.callable).map((n) => n.numberId)).toEqual(expected);
            expect(e.callable).toBe(expected.length > 0);
          }
          const decision = nextEligibleInstant(input);
          const verdict = scheduleWithReason(input);
          expect(verdict.decision).toEqual(decision);
          const until = decision.kind === 'eligible' ? decision.at.getTime() : now + 40 * HOUR;
          if (decision.kind === 'eligible') {
            const e = explainAt(input, decision.at);
            expect(e.callable).toBe(true);
            expect(e.numbers.filter((n) => n.callable).map((n) => n.numberId)).toEqual(decision.callableNumberIds);
            expect(verdict.wait === undefined).toBe(decision.at.getTime() === now);
            if (verdict.wait) expect(verdict.wait.until).toBe(decision.at.toISOString());
          }
          // Nothing callable before it: every instant offered, and each minute of the first hour.
          const earlier = [...offsets.map((o) => now + o), ...Array.from({ length: 60 }, (_, i) => now + i * MINUTE)];
          for (const t of earlier.filter((x) => x >= now && x < until)) expect(explainAt(input, new Date(t)).callable).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
