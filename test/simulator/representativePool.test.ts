import type { CallScript } from '../../simulator/callScript';
import { DialerSimulator } from '../../simulator/dialerSimulator';
import { RepresentativePool } from '../../simulator/representativePool';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');

describe('representative pool model', () => {
  test('a free representative connects at the answer instant and is busy for handleMs', () => {
    const pool = new RepresentativePool({ count: 1, handleMs: 10_000 });
    expect(pool.offer(T0, 2000)).toEqual({ connected: true, representative: 0, connectedAt: T0, waitedMs: 0 });
    expect(pool.busyAt(T0 + 9_999)).toBe(1);
    expect(pool.busyAt(T0 + 10_000)).toBe(0);
  });

  test('nobody free within the grace: abandoned at answer + grace, and no representative is used', () => {
    const pool = new RepresentativePool({ count: 1, handleMs: 10_000 });
    pool.offer(T0, 2000);
    expect(pool.offer(T0 + 7_000, 2000)).toEqual({ connected: false, abandonedAt: T0 + 9_000 });
    // The abandoned caller did not take the representative: the next caller gets them when they free.
    expect(pool.offer(T0 + 9_500, 2000)).toMatchObject({ connected: true, representative: 0, connectedAt: T0 + 10_000, waitedMs: 500 });
    expect([pool.connected, pool.abandoned]).toEqual([2, 1]);
  });

  test('a representative freeing exactly at the end of the grace still connects', () => {
    const pool = new RepresentativePool({ count: 1, handleMs: 10_000 });
    pool.offer(T0, 0);
    expect(pool.offer(T0 + 8_000, 2000)).toMatchObject({ connected: true, connectedAt: T0 + 10_000 });
  });

  test('callers are served first come first served, each by the representative that frees first', () => {
    const pool = new RepresentativePool({ count: 2, handleMs: 10_000 });
    pool.offer(T0, 0); // rep 0 busy until +10s
    pool.offer(T0 + 1_000, 0); // rep 1 busy until +11s
    expect(pool.offer(T0 + 9_000, 5_000)).toMatchObject({ connected: true, representative: 0, connectedAt: T0 + 10_000 });
    expect(pool.offer(T0 + 9_500, 5_000)).toMatchObject({ connected: true, representative: 1, connectedAt: T0 + 11_000 });
    expect(pool.offer(T0 + 9_600, 1_000)).toMatchObject({ connected: false });
  });

  test('zero representatives abandon every live answer', () => {
    const pool = new RepresentativePool({ count: 0, handleMs: 1000 });
    expect(pool.offer(T0, 3000)).toEqual({ connected: false, abandonedAt: T0 + 3000 });
  });
});

/** A dialer with an injected clock; calls are placed through `place`. */
function harness(script: CallScript, representatives = { count: 1, handleMs: 10_000 }) {
  const clock = { now: T0 };
  const dialer = new DialerSimulator(script, () => new Date(clock.now), { representatives });
  let n = 0;
  const place = (destination: string, inputs: Record<string, string> = {}) =>
    dialer.placeCall({ conversationId: `conv-${n++}`, project: 'p', destination, displayNumber: '+15550109999', inputs });
  return { clock, dialer, place };
}

const answered: CallScript = { defaultOutcome: { state: 'Answered', ringMs: 1000 }, numbers: {} };

describe('dialer with a representative pool', () => {
  test('a live answer connects to a free representative; the next one, with nobody free in time, is abandoned', () => {
    const { clock, dialer, place } = harness(answered);
    const first = place('+1');
    clock.now = T0 + 500;
    const second = place('+2', { _AbandonSeconds: '3', _AbandonMessage: 'Sorry, we will call back' });
    expect(dialer.resultOf(first.uniqueId)).toEqual({ state: 'Dialing' });

    clock.now = T0 + 1000;
    expect(dialer.resultOf(first.uniqueId)).toMatchObject({ state: 'Answered', abandoned: false, abandonMessagePlayed: false });
    expect(first).toMatchObject({ representative: 0, connectedAt: new Date(T0 + 1000) });

    // The second answers at +1.5s and waits 3 s; the representative is busy until +11s: abandoned at +4.5s.
    clock.now = T0 + 1500;
    expect(dialer.resultOf(second.uniqueId)).toEqual({ state: 'Dialing' });
    expect(second.abandonedAt).toEqual(new Date(T0 + 4500));
    clock.now = T0 + 4500;
    expect(dialer.resultOf(second.uniqueId)).toEqual({
      state: 'Answered',
      answeringMachine: false,
      abandoned: true,
      voicemailLeft: false,
      abandonMessagePlayed: true,
    });
  });

  test('a representative freed within the abandon seconds connects, and the result comes at connect time', () => {
    const { clock, dialer, place } = harness(answered, { count: 1, handleMs: 2_000 });
    place('+1'); // answers at +1s, rep busy until +3s
    clock.now = T0 + 500;
    const waiting = place('+2'); // answers at +1.5s, default grace 2 s → until +3.5s
    clock.now = T0 + 2_999;
    expect(dialer.resultOf(waiting.uniqueId)?.state).toBe('Dialing');
    clock.now = T0 + 3_000;
    expect(dialer.resultOf(waiting.uniqueId)).toMatchObject({ state: 'Answered', abandoned: false });
    expect(waiting.connectedAt).toEqual(new Date(T0 + 3_000));
    expect(dialer.getRepresentatives()).toEqual({ count: 1, handleMs: 2_000, busy: 1, connected: 2, abandoned: 0 });
  });

  test('answering machines, scripted abandons and unanswered calls do not use a representative', () => {
    const script: CallScript = {
      defaultOutcome: { state: 'Answered', ringMs: 1000 },
      numbers: {
        '+am': { state: 'Answered', answeringMachine: true },
        '+ab': { state: 'Answered', abandoned: true },
        '+busy': { state: 'Busy' },
      },
    };
    const { clock, dialer, place } = harness(script);
    place('+am');
    place('+ab', { _AbandonMessage: 'sorry' });
    place('+busy');
    const live = place('+live');
    clock.now = T0 + 1000;
    expect(dialer.resultOf(live.uniqueId)).toMatchObject({ state: 'Answered', abandoned: false });
    expect(live.connectedAt).toEqual(new Date(T0 + 1000));
    expect(dialer.resultOf(dialer.callsTo('+ab')[0]!.uniqueId)).toMatchObject({ abandoned: true, abandonMessagePlayed: true });
  });

  test('answers are served in answer order, not placement order', () => {
    const script: CallScript = {
      defaultOutcome: { state: 'Answered', ringMs: 5000 },
      numbers: { '+fast': { state: 'Answered', ringMs: 100 } },
    };
    const { clock, dialer, place } = harness(script);
    const slow = place('+slow'); // answers at +5s
    clock.now = T0 + 1000;
    const fast = place('+fast'); // answers at +1.1s, takes the only representative
    clock.now = T0 + 60_000;
    expect(dialer.resultOf(slow.uniqueId)?.abandoned).toBe(true);
    expect(dialer.resultOf(fast.uniqueId)?.abandoned).toBe(false);
  });

  test('results do not depend on when or in which order they are polled', () => {
    const script: CallScript = {
      defaultOutcome: { state: 'Answered', ringMs: 700 },
      numbers: {
        '+short': { state: 'Answered', ringMs: 50 },
        '+long': { state: 'Answered', ringMs: 4000 },
        '+busy': { state: 'Busy', ringMs: 300 },
      },
    };
    const plan: Array<{ at: number; to: string; grace?: string }> = [];
    const numbers = ['+a', '+short', '+long', '+busy', '+b', '+c'];
    for (let i = 0; i < 60; i += 1)
      plan.push({ at: i * 400, to: numbers[(i * 7) % numbers.length]!, ...(i % 3 === 0 ? { grace: String(i % 5) } : {}) });

    const run = (pollEveryMs: number | undefined, reverse: boolean) => {
      const { clock, dialer, place } = harness(script, { count: 3, handleMs: 2_500 });
      const ids: string[] = [];
      let polledUpTo = T0;
      for (const step of plan) {
        // Poll (or not) at intermediate instants before placing the next call.
        if (pollEveryMs !== undefined) {
          for (let t = polledUpTo; t <= T0 + step.at; t += pollEveryMs) {
            clock.now = t;
            const order = reverse ? [...ids].reverse() : ids;
            for (const id of order) dialer.resultOf(id);
          }
          polledUpTo = T0 + step.at;
        }
        clock.now = T0 + step.at;
        ids.push(place(step.to, step.grace !== undefined ? { _AbandonSeconds: step.grace } : {}).uniqueId);
      }
      clock.now = T0 + 3_600_000;
      const order = reverse ? [...ids].reverse() : ids;
      const results = new Map(order.map((id) => [id, dialer.resultOf(id)]));
      return ids.map((id, i) => {
        const call = dialer.listCalls()[i]!;
        return {
          ...results.get(id),
          representative: call.representative,
          connectedAt: call.connectedAt?.getTime(),
          abandonedAt: call.abandonedAt?.getTime(),
        };
      });
    };

    const reference = run(undefined, false);
    expect(reference.some((r) => r.abandoned)).toBe(true);
    expect(reference.some((r) => r.state === 'Answered' && !r.abandoned)).toBe(true);
    expect(run(137, false)).toEqual(reference);
    expect(run(50, true)).toEqual(reference);
    expect(run(1000, true)).toEqual(reference);
  });

  test('switching the pool on, off and reset', () => {
    const { clock, dialer, place } = harness(answered, { count: 0, handleMs: 1000 });
    const before = place('+1');
    clock.now = T0 + 1000;
    dialer.setRepresentatives(null); // the first call answered under the old pool (nobody)
    const after = place('+2');
    clock.now = T0 + 5000;
    expect(dialer.resultOf(before.uniqueId)?.abandoned).toBe(true);
    expect(dialer.resultOf(after.uniqueId)).toMatchObject({ state: 'Answered', abandoned: false });
    expect(after.representative).toBeUndefined();
    expect(dialer.getRepresentatives()).toBeNull();

    dialer.reset(answered);
    expect(dialer.getRepresentatives()).toEqual({ count: 0, handleMs: 1000, busy: 0, connected: 0, abandoned: 0 });
    expect(dialer.listCalls()).toHaveLength(0);
  });
});
