import fc from 'fast-check';
import { fnv1a32, selectDisplayNumber, stableHash } from '../../../domain/displayNumbers';

describe('fnv1a32 and stableHash', () => {
  test('fnv1a32 matches the published FNV-1a 32-bit vectors (UTF-8 bytes)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  test('stableHash is FNV-1a + MurmurHash3 fmix32, pinned (values cross-checked with an independent implementation)', () => {
    expect(stableHash('')).toBe(2872998923);
    expect(stableHash('a')).toBe(444641715);
    expect(stableHash('foobar')).toBe(202221276);
    expect(stableHash('d-1:a1:n0')).toBe(3543356605);
    expect(stableHash('d-1:a1:n1')).toBe(2088229743);
    expect(stableHash('Qu\u00e9bec')).toBe(4256433988);
    expect(stableHash('\u{1F4DE} call')).toBe(4079486852);
    expect(stableHash('\u65e5\u672c')).toBe(4026831135);
  });

  test('lone surrogates hash like U+FFFD (as TextEncoder encodes them)', () => {
    expect(fnv1a32('x\ud800y')).toBe(fnv1a32('x\ufffdy'));
    expect(fnv1a32('x\udc00')).toBe(fnv1a32('x\ufffd'));
  });

  test('always an unsigned 32-bit integer, and the same for the same key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (key) => {
        const h = stableHash(key);
        expect(Number.isInteger(h)).toBe(true);
        expect(h).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThan(2 ** 32);
        expect(stableHash(`${key}`)).toBe(h);
      }),
      { numRuns: 300 },
    );
  });

  test('avalanche: keys differing only in the last character differ in about half of the 32 bits', () => {
    let bits = 0;
    let pairs = 0;
    for (let i = 0; i < 2000; i++) {
      const base = `${i.toString(36)}-delivery:a1:n`;
      const x = (stableHash(`${base}0`) ^ stableHash(`${base}1`)) >>> 0;
      bits += x.toString(2).replace(/0/g, '').length;
      pairs++;
    }
    const mean = bits / pairs;
    expect(mean).toBeGreaterThan(15);
    expect(mean).toBeLessThan(17);
  });
});

/** Deterministic UUID-shaped strings (no Math.random): i -> 32 hex digits via an integer mixer. */
function uuidish(i: number): string {
  let x = (i + 1) >>> 0;
  let hex = '';
  for (let k = 0; k < 4; k++) {
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> 0;
    x = Math.imul(x ^ (x >>> 12), 0x297a2d39) >>> 0;
    x = (x ^ (x >>> 15)) >>> 0;
    hex += x.toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const numbersOf = (n: number): string[] => Array.from({ length: n }, (_, i) => `+1555010${String(i).padStart(4, '0')}`);

function counts(keys: readonly string[], numbers: string[]): number[] {
  const index = new Map(numbers.map((n, i) => [n, i]));
  const c = numbers.map(() => 0);
  for (const callKey of keys) {
    const { number, reason } = selectDisplayNumber({ mode: 'automated', numbers }, { queueNumber: '+15550109999', callKey, fields: {} });
    const i = index.get(number);
    if (i === undefined || reason !== 'automated') throw new Error(`unexpected ${number} (${reason})`);
    c[i]! += 1;
  }
  return c;
}

const maxRelativeDeviation = (c: number[], total: number): number =>
  Math.max(...c.map((v) => Math.abs(v - total / c.length) / (total / c.length)));
const chiSquare = (c: number[], total: number): number => c.reduce((s, v) => s + (v - total / c.length) ** 2 / (total / c.length), 0);
/** Chi-square critical values at p = 0.001 for 1..9 degrees of freedom. */
const CHI2_CRIT_0_001 = [10.83, 13.82, 16.27, 18.47, 20.52, 22.46, 24.32, 26.12, 27.88];

describe('automated distribution is even', () => {
  const uuidKeys = Array.from({ length: 30_000 }, (_, i) => `${uuidish(i)}:a1:n0`);

  test.each([3, 7])('30,000 uuid-ish call keys over %i numbers: every count within ±3%% of the mean', (n) => {
    const c = counts(uuidKeys, numbersOf(n));
    expect(c.reduce((a, b) => a + b, 0)).toBe(30_000);
    expect(maxRelativeDeviation(c, 30_000)).toBeLessThan(0.03);
  });

  test('30,000 uuid-ish keys over 2..10 numbers pass a chi-square test (p = 0.001)', () => {
    const hashes = uuidKeys.map(stableHash);
    for (let n = 2; n <= 10; n++) {
      const c = Array.from({ length: n }, () => 0);
      for (const h of hashes) c[h % n]! += 1;
      expect([n, chiSquare(c, 30_000) < CHI2_CRIT_0_001[n - 2]!]).toEqual([n, true]);
    }
  });

  // ±3% over 7 numbers is only ~2 standard deviations at 30,000 keys; at 105,000 it is ~4, so these
  // key shapes check evenness without depending on the luck of one key set.
  test.each([
    ['sequential delivery ids', (i: number) => `delivery-${i}:a1:n0`],
    [
      'attempts and numbers of the same deliveries',
      (i: number) => `${uuidish(Math.floor(i / 15))}:a${(Math.floor(i / 3) % 5) + 1}:n${i % 3}`,
    ],
  ])('105,000 keys (%s) over 3 and 7 numbers: within ±3%% and chi-square p > 0.001', (_name, key) => {
    const keys = Array.from({ length: 105_000 }, (_, i) => key(i));
    for (const n of [3, 7]) {
      const c = counts(keys, numbersOf(n));
      expect(maxRelativeDeviation(c, 105_000)).toBeLessThan(0.03);
      expect(chiSquare(c, 105_000)).toBeLessThan(CHI2_CRIT_0_001[n - 2]!);
    }
  });
});
