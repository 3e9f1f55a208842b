import { isReservedKey, isStorableText } from '../../domain/text';

describe('isStorableText', () => {
  test.each(['', 'plain', 'émoji 😀', '\uD83D\uDE00', 'tab\tand\nnewline', "'; drop table x; --", '\u0001'])('accepts %j', (s) => {
    expect(isStorableText(s)).toBe(true);
  });

  test.each(['\u0000', 'a\u0000b', '\uD83D', 'a\uD83Db', '\uDE00', 'x\uDE00\uD83D', '\uD83D\uD83D'])('refuses %j', (s) => {
    expect(isStorableText(s)).toBe(false);
  });

  test('refuses non-strings without throwing', () => expect(isStorableText(5 as unknown as string)).toBe(false));
});

test('reserved keys', () => {
  expect(isReservedKey('__proto__')).toBe(true);
  expect(isReservedKey('proto')).toBe(false);
  expect(isReservedKey('constructor')).toBe(false);
});
