/**
 * The live campaign board's rules: which backlog state each wait reason counts under, and how its tiles
 * are derived from raw counts (seed dashboard definitions, product-api-family §7 B). Pure.
 */
import type { WaitReason } from '../delivery/waitingFor';

/** The board's backlog states, in display order, each gathering the wait reasons it shows. */
export const BACKLOG_STATES = [
  { state: 'window', label: 'Waiting for its window', reasons: ['window'] },
  { state: 'quiet-hours', label: 'Quiet hours', reasons: ['quiet-hours'] },
  { state: 'cap', label: 'Frequency cap', reasons: ['frequency-cap'] },
  { state: 'dial-slot', label: 'Waiting for a dial slot', reasons: ['dial-slot', 'preview-offer'] },
  { state: 'queue-closed', label: 'Queue closed', reasons: ['queue-closed'] },
  { state: 'paused', label: 'Engagement paused', reasons: ['paused'] },
  { state: 'reattempt', label: 'Waiting to reattempt', reasons: ['reattempt-wait', 'disposition-wait'] },
] as const satisfies ReadonlyArray<{ state: string; label: string; reasons: readonly WaitReason[] }>;

export type BacklogState = (typeof BACKLOG_STATES)[number]['state'] | 'attempting';
export const BACKLOG_STATE_NAMES: readonly BacklogState[] = [...BACKLOG_STATES.map((s) => s.state), 'attempting'];

/** The backlog state of an open delivery: what it waits for, or `attempting` when it waits for nothing. */
export function backlogStateOf(reason: string | null | undefined): BacklogState {
  const found = BACKLOG_STATES.find((s) => (s.reasons as readonly string[]).includes(reason ?? ''));
  return found ? found.state : 'attempting';
}

/** Open deliveries counted by wait reason (null: not waiting) gathered into the board's states, every state present. */
export function backlogByState(byReason: ReadonlyArray<{ reason: string | null; count: number }>): Record<BacklogState, number> {
  const out = Object.fromEntries(BACKLOG_STATE_NAMES.map((s) => [s, 0])) as Record<BacklogState, number>;
  for (const { reason, count } of byReason) out[backlogStateOf(reason)] += count;
  return out;
}

/** n / d, or null when there is nothing to divide by. */
export function rate(n: number, d: number): number | null {
  return d > 0 ? n / d : null;
}

/** Share of staffed representatives busy (busy or wrap-up); null with nobody staffed. */
export function occupancy(available: number, busy: number): number | null {
  return rate(busy, available + busy);
}

/** The seed's "time remaining": the open deliveries cleared at the last hour's throughput; null when nothing completed. */
export function timeRemainingMs(open: number, completedLastHour: number): number | null {
  if (open === 0) return 0;
  return completedLastHour > 0 ? Math.round((open / completedLastHour) * 3600_000) : null;
}

/** Throughput is counted over this period ("deliveries processed in the last hour"). */
export const THROUGHPUT_PERIOD_MS = 3600_000;

/**
 * The rolling abandonment rate at each minute's end, in percent of live answers, as the pacing rule
 * measures it, to the minute: outcomes after the period start (`periodStartMs(minuteEndMs)`) up to the minute's end.
 * `minutes` are the per-minute outcome counts, oldest first, starting early enough to cover the first period.
 */
export function rollingAbandonPercent(
  minutes: ReadonlyArray<{ minuteMs: number; live: number; abandoned: number }>,
  pointsMs: readonly number[],
  periodStartMs: (endMs: number) => number,
): Array<{ live: number; abandoned: number }> {
  return pointsMs.map((minuteMs) => {
    const end = minuteMs + 60_000;
    const start = periodStartMs(end);
    let live = 0;
    let abandoned = 0;
    for (const m of minutes) {
      if (m.minuteMs + 60_000 <= start || m.minuteMs >= end) continue;
      live += m.live;
      abandoned += m.abandoned;
    }
    return { live, abandoned };
  });
}
