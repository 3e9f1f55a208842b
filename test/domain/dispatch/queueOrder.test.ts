import { compareQueued, customPriorityValue, type QueuedDelivery } from '../../../domain/dispatch';

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
});
