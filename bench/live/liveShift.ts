/**
 * A live shift's record, read from the simulator's own call log in the pure bench's terms
 * (bench/pacing/metrics.ts), so both are summarised by the same code.
 */
import type { SimulatedCall } from '../../simulator/dialerSimulator';
import type { ShiftRecord } from '../pacing/metrics';

/** Milliseconds of [a, b) that fall inside [from, to). */
function overlap(a: number, b: number, from: number, to: number): number {
  return Math.max(0, Math.min(b, to) - Math.max(a, from));
}

/**
 * What the shift [startMs, startMs + shiftMs) measured: dials placed in it, live answers in it (connected
 * or abandoned, with the wait before a representative took them), and the representatives' handle time
 * (talk and wrap-up) inside it. Calls the scripted mode placed (no draw) are left out, and so are calls
 * of an earlier shift: a shift starts with every representative free, so conversations still running
 * from the one before are not this shift's (counted, they put a baseline after it over 100%).
 */
export function liveShiftRecord(calls: readonly SimulatedCall[], agents: number, startMs: number, shiftMs: number): ShiftRecord {
  const endMs = startMs + shiftMs;
  const rec: ShiftRecord = { agents, shiftMs, dials: 0, handleMs: 0, idleGapsMs: [], live: [] };
  for (const c of calls) {
    if (!c.drawn) continue;
    const requested = c.requestedAt.getTime();
    if (requested < startMs || requested >= endMs) continue;
    rec.dials += 1;
    if (c.drawn.kind !== 'live' || !c.answeredAt) continue;
    const answered = c.answeredAt.getTime();
    if (c.connectedAt) {
      const connected = c.connectedAt.getTime();
      const handle = (c.drawn.talkMs ?? 0) + (c.drawn.wrapMs ?? 0);
      rec.handleMs += overlap(connected, connected + handle, startMs, endMs);
      if (answered >= startMs && answered < endMs)
        rec.live.push({ atMs: answered - startMs, abandoned: false, delayMs: connected - answered });
    } else if (c.abandonedAt && answered >= startMs && answered < endMs) {
      rec.live.push({ atMs: answered - startMs, abandoned: true, delayMs: 0 });
    }
  }
  rec.live.sort((a, b) => a.atMs - b.atMs);
  return rec;
}
