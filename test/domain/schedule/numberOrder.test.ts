import fc from 'fast-check';
import { orderNumbersForAttempt, type PhoneType } from '../../../domain/schedule';

interface N {
  numberId: string;
  contactId: string;
  phoneType: PhoneType;
}
const n = (numberId: string, contactId: string, phoneType: PhoneType): N => ({ numberId, contactId, phoneType });
const ids = (ns: N[]): string[] => ns.map((x) => x.numberId);

describe('orderNumbersForAttempt', () => {
  it('keeps contacts in chain order and orders each contact by preferred phone type', () => {
    const numbers = [
      n('a-home', 'A', 'home'),
      n('b-mobile', 'B', 'mobile'),
      n('a-mobile', 'A', 'mobile'),
      n('a-business', 'A', 'business'),
      n('b-business', 'B', 'business'),
    ];
    expect(ids(orderNumbersForAttempt(numbers, ['business', 'mobile', 'home']))).toEqual([
      'a-business',
      'a-mobile',
      'a-home',
      'b-business',
      'b-mobile',
    ]);
  });

  it('puts types missing from the preferred order last, keeping input order among equals', () => {
    const numbers = [n('home1', 'A', 'home'), n('biz', 'A', 'business'), n('home2', 'A', 'home'), n('mob', 'A', 'mobile')];
    expect(ids(orderNumbersForAttempt(numbers, ['mobile']))).toEqual(['mob', 'home1', 'biz', 'home2']);
    expect(ids(orderNumbersForAttempt(numbers, []))).toEqual(['home1', 'biz', 'home2', 'mob']);
  });

  it('does not modify its input', () => {
    const numbers = [n('2', 'A', 'home'), n('1', 'A', 'mobile')];
    orderNumbersForAttempt(numbers, ['mobile']);
    expect(ids(numbers)).toEqual(['2', '1']);
  });

  it('is a stable permutation grouped by contact in order of first appearance', () => {
    const typeArb = fc.constantFrom<PhoneType>('mobile', 'business', 'home');
    fc.assert(
      fc.property(
        fc.array(fc.record({ contactId: fc.constantFrom('A', 'B', 'C'), phoneType: typeArb }), { maxLength: 10 }),
        fc.uniqueArray(typeArb, { maxLength: 3 }),
        (raw, preferred) => {
          const numbers = raw.map((r, i) => n(String(i), r.contactId, r.phoneType));
          const out = orderNumbersForAttempt(numbers, preferred);
          expect([...ids(out)].sort()).toEqual([...ids(numbers)].sort());
          const firstSeen = [...new Set(numbers.map((x) => x.contactId))];
          const rank = (t: PhoneType): number => (preferred.includes(t) ? preferred.indexOf(t) : preferred.length);
          for (let i = 1; i < out.length; i++) {
            const a = out[i - 1]!;
            const b = out[i]!;
            const ca = firstSeen.indexOf(a.contactId);
            const cb = firstSeen.indexOf(b.contactId);
            expect(ca).toBeLessThanOrEqual(cb);
            if (ca === cb) {
              expect(rank(a.phoneType)).toBeLessThanOrEqual(rank(b.phoneType));
              if (rank(a.phoneType) === rank(b.phoneType)) expect(Number(a.numberId)).toBeLessThan(Number(b.numberId));
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
