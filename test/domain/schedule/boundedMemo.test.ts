import { boundedMemo } from '../../../domain/schedule/boundedMemo';

describe('boundedMemo', () => {
  const counting = (limit: number) => {
    const computed: string[] = [];
    const memo = boundedMemo(limit, (key: string) => {
      computed.push(key);
      return key.toUpperCase();
    });
    return { memo, computed };
  };

  it('computes a key once and answers it from memory after that', () => {
    const { memo, computed } = counting(4);
    expect([memo('a'), memo('b'), memo('a'), memo('b')]).toEqual(['A', 'B', 'A', 'B']);
    expect(computed).toEqual(['a', 'b']);
  });

  it('keeps false and 0 as answers, not as misses', () => {
    let calls = 0;
    const memo = boundedMemo(4, (n: number) => {
      calls++;
      return n > 1 && 0;
    });
    expect([memo(1), memo(1), memo(2), memo(2)]).toEqual([false, false, 0, 0]);
    expect(calls).toBe(2);
  });

  it('holds at most `limit` keys: the next new key starts it over', () => {
    const { memo, computed } = counting(2);
    memo('a');
    memo('b');
    memo('a'); // still held: two keys fit
    memo('c'); // full: forgets a and b
    memo('c');
    memo('a');
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });
});
