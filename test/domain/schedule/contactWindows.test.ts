import fc from 'fast-check';
import { DEFAULT_WINDOW_MS, defaultWindow, normaliseWindows, type ContactWindow } from '../../../domain/schedule';

const d = (iso: string): Date => new Date(iso);
const w = (start: string, end: string): ContactWindow => ({ start: d(start), end: d(end) });
const iso = (ws: ContactWindow[]): string[][] => ws.map((x) => [x.start.toISOString(), x.end.toISOString()]);

describe('defaultWindow', () => {
  it('is [now, now + 24 h)', () => {
    const now = d('2026-03-07T17:45:12.345Z');
    const window = defaultWindow(now);
    expect(window.start.toISOString()).toBe('2026-03-07T17:45:12.345Z');
    expect(window.end.toISOString()).toBe('2026-03-08T17:45:12.345Z');
    expect(DEFAULT_WINDOW_MS).toBe(86_400_000);
    expect(window.start).not.toBe(now);
  });

  it('refuses an invalid Date', () => {
    expect(() => defaultWindow(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => defaultWindow(new Date(Number.NaN))).toThrow('schedule: now is not a valid Date');
  });
});

describe('normaliseWindows', () => {
  it('sorts, merges overlapping and touching windows, drops empty and invalid ones', () => {
    const result = normaliseWindows([
      w('2026-01-05T10:00:00.000Z', '2026-01-05T12:00:00.000Z'),
      w('2026-01-01T10:00:00.000Z', '2026-01-01T12:00:00.000Z'),
      w('2026-01-01T11:00:00.000Z', '2026-01-01T13:00:00.000Z'),
      w('2026-01-01T13:00:00.000Z', '2026-01-01T14:00:00.000Z'),
      w('2026-01-03T10:00:00.000Z', '2026-01-03T10:00:00.000Z'),
      w('2026-01-04T10:00:00.000Z', '2026-01-04T09:00:00.000Z'),
      { start: new Date(Number.NaN), end: d('2026-01-04T09:00:00.000Z') },
      w('2026-01-05T10:30:00.000Z', '2026-01-05T11:00:00.000Z'),
    ]);
    expect(iso(result)).toEqual([
      ['2026-01-01T10:00:00.000Z', '2026-01-01T14:00:00.000Z'],
      ['2026-01-05T10:00:00.000Z', '2026-01-05T12:00:00.000Z'],
    ]);
  });

  it('returns [] for no windows', () => {
    expect(normaliseWindows([])).toEqual([]);
  });

  it('covers exactly the union of the input, with sorted, disjoint, non-touching, non-empty windows', () => {
    const base = Date.UTC(2026, 0, 1);
    const windowArb = fc
      .record({ s: fc.integer({ min: 0, max: 200 }), len: fc.integer({ min: -5, max: 40 }) })
      .map(({ s, len }) => ({ start: new Date(base + s * 60_000), end: new Date(base + (s + len) * 60_000) }));
    fc.assert(
      fc.property(fc.array(windowArb, { maxLength: 8 }), (windows) => {
        const result = normaliseWindows(windows);
        for (let i = 0; i < result.length; i++) {
          const cur = result[i]!;
          expect(cur.end.getTime()).toBeGreaterThan(cur.start.getTime());
          const next = result[i + 1];
          if (next) expect(next.start.getTime()).toBeGreaterThan(cur.end.getTime());
        }
        const differs: number[] = [];
        for (let m = -10; m <= 260; m++) {
          const t = base + m * 60_000;
          const inInput = windows.some((x) => x.start.getTime() <= t && t < x.end.getTime());
          const inResult = result.some((x) => x.start.getTime() <= t && t < x.end.getTime());
          if (inInput !== inResult) differs.push(m);
        }
        expect(differs).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
