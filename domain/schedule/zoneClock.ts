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
import { DAY_MS, mod } from './timeConstants';
import { UTC_ZONE, isValidTimeZone } from './timeZones';

const CHUNK_MS = 8 * DAY_MS;
const SAMPLE_MS = DAY_MS;
const MAX_CHUNKS_PER_ZONE = 2048;
const MAX_CLOCKS = 512;

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

const LOCAL_FORMAT = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;

function utcFromFields(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const ms = Date.UTC(y, mo - 1, d, h === 24 ? 0 : h, mi, s) + (h === 24 ? DAY_MS : 0);
  if (y >= 0 && y < 100) {
    // Date.UTC maps years 0..99 to 1900..1999.
    const date = new Date(ms);
    date.setUTCFullYear(y);
    return date.getTime();
  }
  return ms;
}

/** Offset (ms) of `zone` at `ms`, straight from Intl. */
function intlOffsetReader(zone: string): (ms: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (ms: number): number => {
    const date = new Date(ms);
    const wholeSecond = ms - mod(ms, 1000);
    const match = LOCAL_FORMAT.exec(format.format(date));
    if (match) {
      const [, mo, d, y, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
      return utcFromFields(y, mo, d, h, mi, s) - wholeSecond;
    }
    // Unusual output (e.g. years before the common era): read the parts instead.
    const parts: Record<string, string> = {};
    for (const part of format.formatToParts(date)) parts[part.type] = part.value;
    let year = Number(parts.year);
    if (parts.era !== undefined && /^B/i.test(parts.era)) year = 1 - year;
    return (
      utcFromFields(year, Number(parts.month), Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) -
      wholeSecond
    );
  };
}

export class ZoneClock {
  private readonly chunks = new Map<number, Chunk>();

  constructor(
    /** The zone name actually used (UTC when the requested one was invalid). */
    readonly zone: string,
    private readonly rawOffset: ((ms: number) => number) | null,
  ) {}

  /** Offset from UTC in ms at instant `ms` (local = ms + offset). */
  offsetAt(ms: number): number {
    if (this.rawOffset === null) return 0;
    const chunk = this.chunk(Math.floor(ms / CHUNK_MS));
    let offset = chunk.offsetAtStart;
    for (const t of chunk.transitions) {
      if (t.at > ms) break;
      offset = t.offsetAfter;
    }
    return offset;
  }

  /** Wall-clock reading at `ms`, as epoch ms of a UTC clock showing the same date and time. */
  localMs(ms: number): number {
    return ms + this.offsetAt(ms);
  }

  /** The first offset transition t with after < t <= until, or null. */
  nextTransition(afterMs: number, untilMs: number): number | null {
    if (this.rawOffset === null || untilMs <= afterMs) return null;
    for (let k = Math.floor(afterMs / CHUNK_MS); k * CHUNK_MS <= untilMs; k++) {
      for (const t of this.chunk(k).transitions) {
        if (t.at > afterMs) return t.at <= untilMs ? t.at : null;
      }
    }
    return null;
  }

  private chunk(k: number): Chunk {
    const cached = this.chunks.get(k);
    if (cached) return cached;
    const raw = this.rawOffset;
    if (raw === null) return { offsetAtStart: 0, transitions: [] };
    const start = k * CHUNK_MS;
    const transitions: Transition[] = [];
    const offsetAtStart = raw(start);
    let lo = start;
    let offLo = offsetAtStart;
    for (let hi = start + SAMPLE_MS; hi <= start + CHUNK_MS; hi += SAMPLE_MS) {
      const offHi = raw(hi);
      if (offHi !== offLo) findTransitions(raw, lo, offLo, hi, offHi, transitions);
      lo = hi;
      offLo = offHi;
    }
    if (this.chunks.size >= MAX_CHUNKS_PER_ZONE) this.chunks.clear();
    const chunk = { offsetAtStart, transitions };
    this.chunks.set(k, chunk);
    return chunk;
  }
}

/** Pushes every transition in (lo, hi], given offset(lo) = offLo != offHi = offset(hi). */
function findTransitions(raw: (ms: number) => number, lo: number, offLo: number, hi: number, offHi: number, out: Transition[]): void {
  let from = lo;
  let offFrom = offLo;
  while (offFrom !== offHi && from < hi) {
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

const clocks = new Map<string, ZoneClock>();
const utcClock = new ZoneClock(UTC_ZONE, null);

/** The (memoised) clock of `zone`; an invalid name gives the UTC clock. */
export function zoneClock(zone: string): ZoneClock {
  const cached = clocks.get(zone);
  if (cached) return cached;
  const clock = zone === UTC_ZONE || !isValidTimeZone(zone) ? utcClock : new ZoneClock(zone, intlOffsetReader(zone));
  if (clocks.size >= MAX_CLOCKS) clocks.clear();
  clocks.set(zone, clock);
  return clock;
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
