/**
 * A zone's wall clock as a function of the instant (internal building block).
 *
 * Between two offset transitions the wall clock is `instant + offset` with a constant offset, so
 * every schedule question ("when does the local time-of-day reach 08:00", "when does the local date
 * change") is answered exactly by arithmetic inside a segment, moving to the next transition when
 * the answer lies beyond it. No local time is ever converted back to an instant, so nonexistent
 * (spring-forward) and repeated (fall-back) local times need no guessing.
 *
 * Offsets come from Intl (ECMAScript, deterministic: no clock, no I/O). Transitions are found by
 * sampling the offset once per day and bisecting to the millisecond where it changes; results are
 * memoised per zone in chunks of 8 days. Assumption: a zone never changes its offset and changes
 * it back to the same value within 24 hours (real DST rules keep changes months, at least weeks,
 * apart); such a pair would go unnoticed. Any number of changes to different offsets within a day
 * are all found.
 */
import { boundedMemo } from './boundedMemo';
import { DAY_MS, mod } from './timeConstants';
import { UTC_ZONE, isValidTimeZone } from './timeZones';

const CHUNK_MS = 8 * DAY_MS;
const SAMPLE_MS = DAY_MS;
const MAX_CHUNKS_PER_ZONE = 2048;
const MAX_CLOCKS = 512;

/** A zone's wall clock: its offset at any instant and the instants where the offset changes. */
export interface ZoneClock {
  /** The zone name actually used (UTC when the requested one was invalid). */
  readonly zone: string;
  /** Offset from UTC in ms at instant `ms` (local = ms + offset). */
  offsetAt(ms: number): number;
  /** Wall-clock reading at `ms`, as epoch ms of a UTC clock showing the same date and time. */
  localMs(ms: number): number;
  /** The first offset transition t with after < t <= until, or null. */
  nextTransition(afterMs: number, untilMs: number): number | null;
}

interface Transition {
  /** First instant (epoch ms) with the new offset. */
  at: number;
  /** Offset in ms from that instant on. */
  offsetAfter: number;
}

interface Chunk {
  /** Offset at the chunk's first instant. */
  offsetAtStart: number;
  /** Transitions t with chunkStart < t <= chunkEnd, ascending. */
  transitions: Transition[];
}

/** "31, 13:20:00": day of the month and time of day, the only fields the offset needs. */
const LOCAL_FORMAT = /^(\d+), (\d+):(\d+):(\d+)$/;

/**
 * Offset (ms) of `zone` at `ms`, straight from Intl. It reads only the local day of the month and
 * time of day: an offset is under a day, so the local date is the UTC date or the day either side,
 * and no year or era is ever read (Intl prints 1 BC as year 1, with no era).
 */
export function intlOffsetReader(zone: string): (ms: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (ms: number): number => {
    const wholeSecond = ms - mod(ms, 1000);
    const text = format.format(wholeSecond);
    const [, day, h, mi, s] = (LOCAL_FORMAT.exec(text) ?? unexpectedFormat(zone, text)).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const utcDay = new Date(wholeSecond).getUTCDate();
    // The next day is the UTC day + 1, or the 1st when the UTC day ends a month.
    const dayShift = day === utcDay ? 0 : day === utcDay + 1 || day < utcDay - 1 ? 1 : -1;
    return dayShift * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000 - mod(wholeSecond, DAY_MS);
  };
}

function unexpectedFormat(zone: string, text: string): never {
  throw new Error(`Intl formatted a time in ${zone} as "${text}", not as day, hours:minutes:seconds`);
}

/** A zone whose offset changes: offsets from Intl, transitions found by sampling and bisection, memoised. */
class SegmentedZoneClock implements ZoneClock {
  private readonly chunk: (k: number) => Chunk;

  constructor(
    readonly zone: string,
    rawOffset: (ms: number) => number,
  ) {
    this.chunk = boundedMemo(MAX_CHUNKS_PER_ZONE, (k: number) => readChunk(rawOffset, k));
  }

  offsetAt(ms: number): number {
    const chunk = this.chunk(Math.floor(ms / CHUNK_MS));
    let offset = chunk.offsetAtStart;
    for (const t of chunk.transitions) {
      if (t.at > ms) break;
      offset = t.offsetAfter;
    }
    return offset;
  }

  localMs(ms: number): number {
    return ms + this.offsetAt(ms);
  }

  nextTransition(afterMs: number, untilMs: number): number | null {
    for (let k = Math.floor(afterMs / CHUNK_MS); k * CHUNK_MS <= untilMs; k++) {
      for (const t of this.chunk(k).transitions) {
        if (t.at > afterMs) return t.at <= untilMs ? t.at : null;
      }
    }
    return null;
  }
}

/** The offsets of chunk `k` (8 days): sampled once a day, each change bisected to the millisecond. */
function readChunk(raw: (ms: number) => number, k: number): Chunk {
  const start = k * CHUNK_MS;
  const transitions: Transition[] = [];
  const offsetAtStart = raw(start);
  let lo = start;
  let offLo = offsetAtStart;
  for (let hi = start + SAMPLE_MS; hi <= start + CHUNK_MS; hi += SAMPLE_MS) {
    const offHi = raw(hi);
    findTransitions(raw, lo, offLo, hi, offHi, transitions);
    lo = hi;
    offLo = offHi;
  }
  return { offsetAtStart, transitions };
}

/** Pushes every transition in (lo, hi], given offset(lo) = offLo and offset(hi) = offHi (none when equal). */
function findTransitions(raw: (ms: number) => number, lo: number, offLo: number, hi: number, offHi: number, out: Transition[]): void {
  let from = lo;
  let offFrom = offLo;
  // Each bisection ends on an instant whose offset differs from offFrom, at the latest on hi itself.
  while (offFrom !== offHi) {
    // Bisect for the first instant whose offset differs from offFrom.
    let a = from;
    let b = hi;
    while (b - a > 1) {
      const mid = a + Math.floor((b - a) / 2);
      if (raw(mid) === offFrom) a = mid;
      else b = mid;
    }
    const offB = raw(b);
    out.push({ at: b, offsetAfter: offB });
    from = b;
    offFrom = offB;
  }
}

/** UTC, and the clock of any name that is not a valid zone: no offset, no transitions. */
const utcClock: ZoneClock = {
  zone: UTC_ZONE,
  offsetAt: () => 0,
  localMs: (ms) => ms,
  nextTransition: () => null,
};

/** The clock of `zone` (memoised; a zone's transitions are found once per process); an invalid name gives the UTC clock. */
export const zoneClock: (zone: string) => ZoneClock = boundedMemo(MAX_CLOCKS, (zone: string) =>
  zone === UTC_ZONE || !isValidTimeZone(zone) ? utcClock : new SegmentedZoneClock(zone, intlOffsetReader(zone)),
);

/** A clock over any offset function, for tests that count how often the offsets are read. */
export function zoneClockOver(zone: string, rawOffset: (ms: number) => number): ZoneClock {
  return new SegmentedZoneClock(zone, rawOffset);
}

/** Days since 1970-01-01 of a wall-clock reading (see ZoneClock.localMs). */
export function localDayNumber(localMs: number): number {
  return Math.floor(localMs / DAY_MS);
}

/** Time of day in ms (0 .. DAY_MS-1) of a wall-clock reading. */
export function localTimeOfDay(localMs: number): number {
  return mod(localMs, DAY_MS);
}

/** Index of the ISO week (Monday start) containing a local day number. 1970-01-01 was a Thursday. */
export function isoWeekIndex(dayNumber: number): number {
  return Math.floor((dayNumber + 3) / 7);
}
