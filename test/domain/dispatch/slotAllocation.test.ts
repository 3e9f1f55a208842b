import fc from 'fast-check';
import { allocateSlots, type SlotDemand } from '../../../domain/dispatch';

const d = (engagementId: string, priority: SlotDemand['priority'], waiting: number, allowance: number, paused = false): SlotDemand => ({
  engagementId,
  priority,
  waiting,
  allowance,
  paused,
});

describe('slot allocation across engagements sharing a pool', () => {
  test('strict priority: Critical takes every slot it can use before High, High before Normal', () => {
    const r = allocateSlots([d('normal', 'Normal', 10, 5), d('critical', 'Critical', 2, 5), d('high', 'High', 10, 5)]);
    expect(r.grants).toEqual({ critical: 2 });
  });

  test('a higher priority engagement held back by its pacing does not hand its representatives to a lower one', () => {
    const r = allocateSlots([d('high', 'High', 10, 0), d('normal', 'Normal', 10, 5)]);
    expect(r.grants).toEqual({});
  });

  test('lower priority is served once every higher one has nothing waiting or is paused', () => {
    expect(allocateSlots([d('high', 'High', 0, 5), d('normal', 'Normal', 10, 3)]).grants).toEqual({ normal: 3 });
    expect(allocateSlots([d('high', 'High', 10, 5, true), d('normal', 'Normal', 10, 3)]).grants).toEqual({ normal: 3 });
  });

  test('round-robin among equal priorities, continuing across ticks', () => {
    const demands = [d('a', 'Normal', 10, 1), d('b', 'Normal', 10, 1), d('c', 'Normal', 10, 1)];
    const served: string[] = [];
    let after: string | undefined;
    for (let tick = 0; tick < 6; tick++) {
      const r = allocateSlots(demands, after);
      served.push(...Object.keys(r.grants));
      after = r.roundRobinAfter;
    }
    expect(served).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  test('within one tick equal priorities alternate one slot at a time', () => {
    const r = allocateSlots([d('a', 'High', 10, 5), d('b', 'High', 1, 5)]);
    expect(r.grants).toEqual({ a: 4, b: 1 });
  });

  test('never more slots than the allowance, never more than waiting, never to a paused engagement', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            p: fc.constantFrom('Normal', 'High', 'Critical') as fc.Arbitrary<SlotDemand['priority']>,
            waiting: fc.nat(20),
            allowance: fc.integer({ min: -3, max: 30 }),
            paused: fc.boolean(),
          }),
          { maxLength: 6 },
        ),
        fc.option(fc.constantFrom('e0', 'e1', 'e2', 'e9'), { nil: undefined }),
        (raw, after) => {
          const demands = raw.map((r, i) => d(`e${i}`, r.p, r.waiting, r.allowance, r.paused));
          const { grants } = allocateSlots(demands, after);
          const total = Object.values(grants).reduce((a, b) => a + b, 0);
          for (const [id, n] of Object.entries(grants)) {
            const demand = demands.find((x) => x.engagementId === id)!;
            expect(demand.paused).toBe(false);
            expect(n).toBeLessThanOrEqual(demand.waiting);
            expect(n).toBeLessThanOrEqual(Math.max(0, demand.allowance));
            expect(Number.isInteger(n) && n > 0).toBe(true);
          }
          // Allowances are pool-wide: the slots of one tick never exceed the largest one granted under.
          const granted = demands.filter((x) => grants[x.engagementId]);
          if (granted.length) expect(total).toBeLessThanOrEqual(Math.max(...granted.map((x) => x.allowance)));
          expect(allocateSlots(demands, after)).toEqual(allocateSlots(demands, after));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('round-robin order is by engagement id, whatever order the demands come in, and wraps after the last', () => {
    const demands = [d('c', 'Normal', 10, 1), d('a', 'Normal', 10, 1), d('b', 'Normal', 10, 1)];
    expect(allocateSlots(demands)).toEqual({ grants: { a: 1 }, roundRobinAfter: 'a' });
    expect(allocateSlots(demands, 'b')).toEqual({ grants: { c: 1 }, roundRobinAfter: 'c' });
    // After the last id, round-robin starts again from the first.
    expect(allocateSlots(demands, 'c')).toEqual({ grants: { a: 1 }, roundRobinAfter: 'a' });
    // The one served last has left the pool: the next id after it is served.
    expect(allocateSlots([d('c', 'Normal', 10, 1), d('a', 'Normal', 10, 1)], 'b')).toEqual({ grants: { c: 1 }, roundRobinAfter: 'c' });
    // Two slots from 'b' on: c, then a.
    expect(
      allocateSlots(
        demands.map((x) => ({ ...x, allowance: 2 })),
        'b',
      ).grants,
    ).toEqual({ c: 1, a: 1 });
  });

  test('a fractional allowance grants its whole part only', () => {
    expect(allocateSlots([d('a', 'Normal', 10, 2.9)]).grants).toEqual({ a: 2 });
    expect(allocateSlots([d('a', 'Normal', 10, 0.9)]).grants).toEqual({});
  });

  test('with nothing granted, round-robin keeps its place', () => {
    expect(allocateSlots([], 'b')).toEqual({ grants: {}, roundRobinAfter: 'b' });
    expect(allocateSlots([d('a', 'Normal', 10, 0), d('c', 'Normal', 10, 0)], 'b')).toEqual({ grants: {}, roundRobinAfter: 'b' });
    expect(allocateSlots([d('a', 'Normal', 0, 5, false), d('c', 'Normal', 5, 5, true)], 'b')).toEqual({ grants: {}, roundRobinAfter: 'b' });
  });
});
