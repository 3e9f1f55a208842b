/**
 * When may a delivery next be attempted (spec §3 step 2)?
 *
 * Eligible at x  <=>  x is inside a window  AND  some number n is callable at x, where
 * callable(n, x)  <=>  n is outside its quiet hours at x  AND  n's contact is under the caps at x.
 *
 * Every ingredient is piecewise constant on half-open pieces, so eligibility can only switch on at
 * `now`, a window start, a quiet-hours end or a cap reset. The search jumps between such instants:
 * at a candidate c that is not eligible, for each number it computes the earliest instant >= c at
 * which its quiet hours are over (q) and the earliest at which its contact's caps allow (k); the
 * number cannot be callable before max(q, k), so no eligible instant exists before
 * m = min over numbers of max(q, k), and the search moves to m (or to the next window start when m
 * is past the current window). Nothing eligible is ever skipped, and c strictly increases through a
 * finite set of boundaries, so the search ends; each step costs O(numbers) cached look-ups, not a
 * scan over minutes, so windows spanning months stay cheap.
 *
 * Iteration budget: at most one step per boundary, and a day holds at most (quiet ranges + 2)
 * quiet ends per (zone, phone type) and 3 local-date changes per contact (midnight plus DST
 * transitions), plus one step per window. Twice that bound over the span now .. last window end is
 * the budget; exceeding it means an invariant broke, and the function throws rather than returning
 * a silently wrong answer (in a workflow this surfaces as a failed workflow task, not an Expired
 * delivery).
 */
import { compileQuietHours, quietEndMs, type CompiledQuietHours } from './quietHours';
import { CapCounter } from './frequencyCaps';
import { normaliseWindows } from './contactWindows';
import { DAY_MS, instantMs } from './timeConstants';
import { resolveZone } from './timeZones';
import type { FrequencyLimits, NoneReason, ScheduleDecision, ScheduleInput } from './types';
import { type ZoneClock, zoneClock } from './zoneClock';

/** "Earliest good instant >= c" of one condition, remembered while it still applies. */
abstract class Condition {
  /** Answer of the last evaluation: good from here (> c while bad), or null = never again. */
  private cached: number | null | undefined = undefined;

  /** Earliest instant >= c (non-decreasing across calls) at which the condition holds, null = never. */
  goodFrom(c: number): number | null {
    const cached = this.cached;
    // Bad on [earlier c, cached), so still bad at this c and good first at `cached`.
    if (cached === null || (cached !== undefined && cached > c)) return cached;
    const fresh = this.compute(c);
    this.cached = fresh;
    return fresh;
  }

  protected abstract compute(c: number): number | null;
}

class OutsideQuietHours extends Condition {
  constructor(
    readonly compiled: CompiledQuietHours,
    private readonly clock: ZoneClock,
  ) {
    super();
  }

  protected compute(c: number): number | null {
    return quietEndMs(this.compiled, this.clock, c);
  }
}

class UnderCaps extends Condition {
  constructor(private readonly counter: CapCounter) {
    super();
  }

  protected compute(c: number): number | null {
    return this.counter.freeFrom(c);
  }
}

interface Candidate {
  numberId: string;
  quiet: OutsideQuietHours;
  caps: UnderCaps;
}

function none(reason: NoneReason): ScheduleDecision {
  return { kind: 'none', reason };
}

function ownTouches(touches: Record<string, Date[]>, contactId: string): Date[] {
  return Object.prototype.hasOwnProperty.call(touches, contactId) ? (touches[contactId] ?? []) : [];
}

/** See the module comment. Pure: everything, `now` included, comes from `input`. */
export function nextEligibleInstant(input: ScheduleInput): ScheduleDecision {
  const now = instantMs(input.now, 'now');
  const windows = normaliseWindows(input.windows)
    .map((w) => [w.start.getTime(), w.end.getTime()] as const)
    .filter(([, end]) => end > now);
  if (windows.length === 0) return none('no-window-left');

  const excluded = new Set(input.excludedNumberIds ?? []);
  const numbers = input.numbers.filter((n) => !excluded.has(n.numberId));
  if (numbers.length === 0) return none('no-callable-number');

  const limits: FrequencyLimits = input.limits ?? {};
  const capsMode = input.capsTimeZoneMode ?? 'contact';
  const quietByKey = new Map<string, OutsideQuietHours>();
  const capsByContact = new Map<string, UnderCaps>();
  const candidates: Candidate[] = numbers.map((n) => {
    const zone = resolveZone(n.contactZone, input.timeZoneMode);
    const key = `${n.phoneType}\u0000${zone}`;
    let quiet = quietByKey.get(key);
    if (!quiet) {
      quiet = new OutsideQuietHours(compileQuietHours(input.quietHours[n.phoneType]), zoneClock(zone));
      quietByKey.set(key, quiet);
    }
    // One zone per contact for its caps: that of the contact's first number.
    let caps = capsByContact.get(n.contactId);
    if (!caps) {
      const capsZone = resolveZone(n.contactZone, capsMode);
      caps = new UnderCaps(new CapCounter(ownTouches(input.touches, n.contactId), limits, zoneClock(capsZone), now));
      capsByContact.set(n.contactId, caps);
    }
    return { numberId: n.numberId, quiet, caps };
  });

  const lastEnd = windows[windows.length - 1]?.[1] ?? now;
  let boundariesPerDay = 3 * capsByContact.size;
  for (const q of quietByKey.values()) boundariesPerDay += q.compiled.ranges.length + 2;
  const budget = 16 + 2 * (windows.length + (Math.ceil((lastEnd - now) / DAY_MS) + 2) * boundariesPerDay);

  let c = now;
  let w = 0;
  for (let step = 0; step <= budget; step++) {
    while (w < windows.length && (windows[w]?.[1] ?? 0) <= c) w++;
    const window = windows[w];
    if (!window) return none('quiet-hours-or-caps');
    if (c < window[0]) c = window[0];

    const callable: string[] = [];
    let earliest = Number.POSITIVE_INFINITY;
    for (const candidate of candidates) {
      const q = candidate.quiet.goodFrom(c);
      const k = q === null ? null : candidate.caps.goodFrom(c);
      if (q === null || k === null) continue;
      const from = Math.max(q, k);
      if (from === c) callable.push(candidate.numberId);
      else if (from < earliest) earliest = from;
    }
    if (callable.length > 0) return { kind: 'eligible', at: new Date(c), callableNumberIds: callable };
    if (earliest === Number.POSITIVE_INFINITY) return none('quiet-hours-or-caps');
    c = earliest;
  }
  throw new Error(`schedule: nextEligibleInstant exceeded its budget of ${budget} steps (bug)`);
}
