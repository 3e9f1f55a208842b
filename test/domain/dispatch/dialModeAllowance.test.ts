import fc from 'fast-check';
import { dialModeAllowance, type DialModeConfig, type PoolSnapshot } from '../../../domain/dispatch';
import type { DialMode } from '../../../domain/engagement';
import { initialController, initialEstimates } from '../../../domain/pacing';

const knowledge = { estimates: initialEstimates(), controller: initialController(0.03) };
const settings = { callsPerRepresentative: 2, maxConcurrentAiCalls: 7, allowOutsideQueueHours: false };
const config = (dialMode: DialMode, over: Partial<DialModeConfig['settings']> = {}): DialModeConfig => ({
  dialMode,
  settings: { ...settings, ...over },
  abandonTarget: 0.03,
  abandonSeconds: 2,
});

function pool(available: number, busy: number, ringing: number, extra: Partial<PoolSnapshot> = {}): PoolSnapshot {
  return {
    nowMs: 0,
    inQueueHours: true,
    agents: [
      ...Array.from({ length: available }, () => ({ state: 'available' as const, elapsedMs: 1000 })),
      ...Array.from({ length: busy }, () => ({ state: 'busy' as const, elapsedMs: 30_000 })),
    ],
    ringing: Array.from({ length: ringing }, () => ({ elapsedMs: 3000 })),
    placing: 0,
    waitingLive: 0,
    offers: 0,
    inFlight: ringing,
    ...extra,
  };
}

describe('dial-mode allowance', () => {
  test('progressive: in flight never exceeds available representatives × calls per representative', () => {
    fc.assert(
      fc.property(fc.nat(30), fc.nat(30), fc.nat(80), fc.integer({ min: 1, max: 5 }), (available, busy, ringing, perRep) => {
        const n = dialModeAllowance(config('progressive', { callsPerRepresentative: perRep }), pool(available, busy, ringing), knowledge);
        expect(Number.isInteger(n) && n >= 0).toBe(true);
        expect(ringing + n).toBeLessThanOrEqual(Math.max(ringing, available * perRep));
        if (ringing < available * perRep) expect(ringing + n).toBe(available * perRep);
      }),
      { numRuns: 500 },
    );
  });

  test('every mode counts a granted slot from the grant: slots not ringing yet use up the limit like ringing calls', () => {
    fc.assert(
      fc.property(
        fc.nat(20),
        fc.nat(10),
        fc.nat(40),
        fc.nat(40),
        fc.integer({ min: 1, max: 5 }),
        (available, busy, ringing, placing, perRep) => {
          const p = pool(available, busy, ringing, { placing, inFlight: ringing + placing });
          const inFlight = ringing + placing;
          const progressive = dialModeAllowance(config('progressive', { callsPerRepresentative: perRep }), p, knowledge);
          expect(inFlight + progressive).toBeLessThanOrEqual(Math.max(inFlight, available * perRep));
          if (inFlight < available * perRep) expect(inFlight + progressive).toBe(available * perRep);
          const predictive = dialModeAllowance(config('predictive'), p, knowledge);
          expect(inFlight + predictive).toBeLessThanOrEqual(Math.max(inFlight, (available + busy) * 5));
          const preview = dialModeAllowance(config('preview'), p, knowledge);
          expect(preview).toBe(Math.max(0, available - inFlight));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('AI agent: in flight never exceeds the engagement maximum, whatever representatives do', () => {
    fc.assert(
      fc.property(fc.nat(600), fc.integer({ min: 1, max: 500 }), (inFlight, max) => {
        const n = dialModeAllowance(config('ai-agent', { maxConcurrentAiCalls: max }), pool(0, 0, 0, { inFlight }), knowledge);
        expect(n).toBe(Math.max(0, max - inFlight));
      }),
    );
  });

  test('AI agent may run outside queue hours only when allowed; representative modes never do', () => {
    const closed = pool(5, 0, 0, { inQueueHours: false });
    expect(dialModeAllowance(config('ai-agent'), closed, knowledge)).toBe(0);
    expect(dialModeAllowance(config('ai-agent', { allowOutsideQueueHours: true }), closed, knowledge)).toBe(7);
    for (const mode of ['preview', 'progressive', 'predictive'] as const)
      expect(dialModeAllowance(config(mode, { allowOutsideQueueHours: true }), closed, knowledge)).toBe(0);
  });

  test('preview: one offer per available representative not already holding one', () => {
    expect(dialModeAllowance(config('preview'), pool(4, 2, 0, { offers: 1 }), knowledge)).toBe(3);
    expect(dialModeAllowance(config('preview'), pool(2, 2, 1, { offers: 1 }), knowledge)).toBe(0);
  });

  test('predictive: never more than its hard cap per staffed representative, never negative, deterministic', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.nat(20), fc.nat(60), (available, busy, ringing) => {
        const p = pool(available, busy, ringing);
        const n = dialModeAllowance(config('predictive'), p, knowledge);
        expect(n).toBeGreaterThanOrEqual(0);
        expect(ringing + n).toBeLessThanOrEqual(Math.max(ringing, (available + busy) * 5));
        expect(dialModeAllowance(config('predictive'), p, knowledge)).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  test('preview: a live answer waiting for a representative takes one offer away', () => {
    expect(dialModeAllowance(config('preview'), pool(4, 0, 0, { waitingLive: 1 }), knowledge)).toBe(3);
    expect(dialModeAllowance(config('preview'), pool(4, 0, 0, { waitingLive: 5 }), knowledge)).toBe(0);
  });

  test('predictive: a slot still being placed counts as a call that has just started ringing', () => {
    const justRinging = (n: number) => Array.from({ length: n }, () => ({ elapsedMs: 0 }));
    for (const n of [1, 3, 6]) {
      const placing = dialModeAllowance(config('predictive'), pool(4, 0, 0, { placing: n, inFlight: n }), knowledge);
      const ringing = dialModeAllowance(config('predictive'), pool(4, 0, 0, { ringing: justRinging(n), inFlight: n }), knowledge);
      expect(placing).toBe(ringing);
    }
  });

  test('predictive: representatives who will be free within the abandonment grace count as free', () => {
    // Six representatives who have just begun a wrap-up (10 s on average, a priori): a live answer
    // may wait 30 s for one of them, but not 10 ms.
    const wrapping = (): PoolSnapshot => ({
      ...pool(0, 0, 0),
      agents: Array.from({ length: 6 }, () => ({ state: 'wrap' as const, elapsedMs: 0 })),
    });
    expect(dialModeAllowance({ ...config('predictive'), abandonSeconds: 30 }, wrapping(), knowledge)).toBeGreaterThan(0);
    expect(dialModeAllowance({ ...config('predictive'), abandonSeconds: 0.01 }, wrapping(), knowledge)).toBe(0);
  });

  test('predictive: when hardly anyone answers, it dials up to its cap of five calls per staffed representative', () => {
    const rarelyAnswered = {
      estimates: initialEstimates({ answerProbability: 0.001, answerWeight: 100_000 }),
      controller: initialController(0.03),
    };
    expect(dialModeAllowance(config('predictive'), pool(2, 2, 0), rarelyAnswered)).toBe(4 * 5);
    expect(dialModeAllowance(config('predictive'), pool(2, 2, 7, { inFlight: 7 }), rarelyAnswered)).toBe(4 * 5 - 7);
  });
});
