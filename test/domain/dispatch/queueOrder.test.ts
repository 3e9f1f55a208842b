import { compareQueued, customPriorityValue, type QueuedDelivery, retryRank } from '../../../domain/dispatch';

const t = (minute: number) => Date.UTC(2026, 0, 1, 9, minute);
function q(id: string, created: number, extra: Partial<QueuedDelivery> = {}): QueuedDelivery {
  return { deliveryId: id, createdAtMs: t(created), windowEndMs: t(60), customPriority: null, isRetry: false, ...extra };
}
const ids = (list: QueuedDelivery[]) => list.map((d) => d.deliveryId);

describe('call order inside an engagement', () => {
  const a = q('a', 1, { windowEndMs: t(50), customPriority: 5 });
  const b = q('b', 2, { windowEndMs: t(20), customPriority: null });
  const c = q('c', 3, { windowEndMs: t(30), customPriority: 1 });
  const d = q('d', 4, { windowEndMs: t(20), customPriority: 9 });
  const all = [c, a, d, b];

  test('FIFO serves the oldest delivery first', () => {
    expect(ids([...all].sort(compareQueued('fifo', 'same')))).toEqual(['a', 'b', 'c', 'd']);
  });
  test('LIFO serves the newest delivery first', () => {
    expect(ids([...all].sort(compareQueued('lifo', 'same')))).toEqual(['d', 'c', 'b', 'a']);
  });
  test('window end soonest first, ties FIFO', () => {
    expect(ids([...all].sort(compareQueued('window-end', 'same')))).toEqual(['b', 'd', 'c', 'a']);
  });
  test('custom priority ascending; a missing value falls back to FIFO after the valued ones', () => {
    expect(ids([...all].sort(compareQueued('custom-asc', 'same')))).toEqual(['c', 'a', 'd', 'b']);
  });
  test('custom priority descending; missing values still last, FIFO among them', () => {
    const e = q('e', 0);
    expect(ids([...all, e].sort(compareQueued('custom-desc', 'same')))).toEqual(['d', 'a', 'c', 'e', 'b']);
  });
});

describe('retry priority', () => {
  const fresh1 = q('n1', 1);
  const retry = q('r', 2, { isRetry: true });
  const fresh2 = q('n2', 3);
  test('"higher": reattempts before new deliveries', () => {
    expect(ids([fresh1, fresh2, retry].sort(compareQueued('fifo', 'higher')))).toEqual(['r', 'n1', 'n2']);
  });
  test('"lower": reattempts after new deliveries', () => {
    expect(ids([retry, fresh1, fresh2].sort(compareQueued('fifo', 'lower')))).toEqual(['n1', 'n2', 'r']);
  });
  test('"same": reattempts take their place in the call order', () => {
    expect(ids([fresh2, retry, fresh1].sort(compareQueued('fifo', 'same')))).toEqual(['n1', 'r', 'n2']);
  });
});

describe('custom priority values', () => {
  test('numbers, numeric strings and ISO dates sort; anything else is missing', () => {
    expect(customPriorityValue(3)).toBe(3);
    expect(customPriorityValue(' 2.5 ')).toBe(2.5);
    expect(customPriorityValue('-1e3')).toBe(-1000);
    expect(customPriorityValue('2026-03-01')).toBe(Date.UTC(2026, 2, 1));
    for (const bad of [undefined, null, '', 'high', 'NaN', Infinity, '2026-13-45', '=1+1', {}]) expect(customPriorityValue(bad)).toBeNull();
  });

  test('every number spelling: signs, a bare fraction, a trailing point, exponents of either case and sign', () => {
    expect(customPriorityValue('+3')).toBe(3);
    expect(customPriorityValue('.5')).toBe(0.5);
    expect(customPriorityValue('-.5')).toBe(-0.5);
    expect(customPriorityValue('5.')).toBe(5);
    expect(customPriorityValue('1E2')).toBe(100);
    expect(customPriorityValue('1e+2')).toBe(100);
    expect(customPriorityValue('25e-1')).toBe(2.5);
    expect(customPriorityValue(0)).toBe(0);
    expect(customPriorityValue('12.5')).toBe(12.5);
    expect(customPriorityValue('.25')).toBe(0.25);
    expect(customPriorityValue('1e10')).toBe(1e10);
  });

  test('an ISO date with a time sorts by its instant; numbers that overflow and text around a number are missing', () => {
    expect(customPriorityValue('2026-03-01T12:30:00Z')).toBe(Date.UTC(2026, 2, 1, 12, 30));
    for (const bad of [
      '1e999',
      '-1e999',
      '12abc',
      'x12',
      '1.2.3',
      '1e',
      'e5',
      '.',
      '2026-03-01 and more',
      '26-03-01',
      '2026-03-1',
      'on 2026-03-01',
      -Infinity,
      Number.NaN,
      true,
    ])
      expect(customPriorityValue(bad)).toBeNull();
  });
});

test('retry ranks: reattempts first when "higher", last when "lower", one rank when "same"', () => {
  expect([retryRank(true, 'higher'), retryRank(false, 'higher')]).toEqual([0, 1]);
  expect([retryRank(true, 'lower'), retryRank(false, 'lower')]).toEqual([1, 0]);
  expect([retryRank(true, 'same'), retryRank(false, 'same')]).toEqual([0, 0]);
});

describe('ties', () => {
  test('equal custom priorities are served first come, first served, then by delivery id', () => {
    const late = q('late', 9, { customPriority: 5 });
    const early = q('early', 1, { customPriority: 5 });
    const twinB = q('twin-b', 4, { customPriority: 5 });
    const twinA = q('twin-a', 4, { customPriority: 5 });
    for (const order of ['custom-asc', 'custom-desc'] as const)
      expect(ids([late, twinB, early, twinA].sort(compareQueued(order, 'same')))).toEqual(['early', 'twin-a', 'twin-b', 'late']);
  });

  test('deliveries equal on every key compare as equal; otherwise the comparison is antisymmetric', () => {
    const one = q('same', 1, { customPriority: 2 });
    const other = q('same', 1, { customPriority: 2 });
    const retry = q('r', 1, { isRetry: true });
    for (const order of ['fifo', 'lifo', 'window-end', 'custom-asc', 'custom-desc'] as const)
      for (const priority of ['higher', 'lower', 'same'] as const) {
        const compare = compareQueued(order, priority);
        expect(compare(one, other)).toBe(0);
        expect(Math.sign(compare(one, retry))).toBe(-Math.sign(compare(retry, one)));
        expect(compare(one, retry)).not.toBe(0);
      }
  });

  test('a missing custom priority sorts after every value, even a negative one or zero, in both directions', () => {
    const missing = q('missing', 0);
    const zero = q('zero', 5, { customPriority: 0 });
    const negative = q('negative', 6, { customPriority: -3 });
    expect(ids([missing, zero, negative].sort(compareQueued('custom-asc', 'same')))).toEqual(['negative', 'zero', 'missing']);
    expect(ids([missing, negative, zero].sort(compareQueued('custom-desc', 'same')))).toEqual(['zero', 'negative', 'missing']);
  });

  test('window end ties are served first come, first served, then by delivery id', () => {
    const x = q('x', 3, { windowEndMs: t(10) });
    const y = q('y', 2, { windowEndMs: t(10) });
    const z = q('w', 2, { windowEndMs: t(10) });
    expect(ids([x, y, z].sort(compareQueued('window-end', 'same')))).toEqual(['w', 'y', 'x']);
  });
});
