import fc from 'fast-check';
import {
  DISPLAY_NUMBER_CONDITIONS,
  type DisplayNumberCondition,
  type DisplayNumberRule,
  evaluateRule,
  lookupField,
} from '../../../domain/displayNumbers';

const rule = (field: string, condition: DisplayNumberCondition, value: string, number = '+15550100001'): DisplayNumberRule => ({
  field,
  condition,
  value,
  number,
});

describe('evaluateRule: each condition', () => {
  const fields = { state: 'Washington', postalCode: '98052', country: 'US' };

  test.each([
    ['equals', 'state', 'Washington', true],
    ['equals', 'state', 'Washing', false],
    ['notEquals', 'state', 'Oregon', true],
    ['notEquals', 'state', 'Washington', false],
    ['startsWith', 'postalCode', '980', true],
    ['startsWith', 'postalCode', '052', false],
    ['endsWith', 'postalCode', '052', true],
    ['endsWith', 'postalCode', '980', false],
    ['contains', 'state', 'shin', true],
    ['contains', 'state', 'oregon', false],
    ['startsWith', 'postalCode', '98052', true],
    ['endsWith', 'postalCode', '98052', true],
    ['contains', 'postalCode', '98052', true],
  ] as const)('%s %s %j -> %s', (condition, field, value, expected) => {
    expect(evaluateRule(rule(field, condition, value), fields)).toBe(expected);
  });

  test('the condition set is exactly the five documented ones', () => {
    expect([...DISPLAY_NUMBER_CONDITIONS].sort()).toEqual(['contains', 'endsWith', 'equals', 'notEquals', 'startsWith']);
  });

  test('an unknown condition (bad stored data) never matches', () => {
    const bad = { ...rule('state', 'equals', 'Washington'), condition: 'matches' } as unknown as DisplayNumberRule;
    expect(evaluateRule(bad, fields)).toBe(false);
  });
});

describe('evaluateRule: case and whitespace', () => {
  test('the field name is looked up case-insensitively', () => {
    expect(evaluateRule(rule('Country', 'equals', 'US'), { country: 'US' })).toBe(true);
    expect(evaluateRule(rule('country', 'equals', 'US'), { COUNTRY: 'US' })).toBe(true);
    expect(evaluateRule(rule('POSTALCODE', 'startsWith', '98'), { postalCode: '98052' })).toBe(true);
    expect(evaluateRule(rule(' state ', 'equals', 'WA'), { state: 'WA' })).toBe(true);
  });

  test('values are compared case-insensitively after trimming', () => {
    expect(evaluateRule(rule('state', 'equals', 'washington'), { state: 'WASHINGTON' })).toBe(true);
    expect(evaluateRule(rule('state', 'equals', '  Washington '), { state: '\twashington\n' })).toBe(true);
    expect(evaluateRule(rule('state', 'startsWith', 'WASH'), { state: ' washington' })).toBe(true);
    expect(evaluateRule(rule('state', 'endsWith', 'TON '), { state: 'Washington  ' })).toBe(true);
    expect(evaluateRule(rule('state', 'contains', 'SHIN'), { state: 'washington' })).toBe(true);
    expect(evaluateRule(rule('state', 'notEquals', 'WASHINGTON'), { state: ' washington ' })).toBe(false);
  });

  test('composed and decomposed accents compare equal (NFC)', () => {
    expect(evaluateRule(rule('state', 'equals', 'Qu\u00e9bec'), { state: 'QUE\u0301BEC' })).toBe(true);
  });

  test('an exact-case key wins over other spellings; otherwise the first defined match in key order', () => {
    expect(lookupField({ Country: 'CA', country: 'US' }, 'country')).toBe('US');
    expect(lookupField({ Country: 'CA', COUNTRY: 'US' }, 'country')).toBe('CA');
    expect(lookupField({ country: undefined, Country: 'CA' }, 'country')).toBe('CA');
    expect(lookupField({ state: 'WA' }, 'country')).toBeUndefined();
  });
});

describe('evaluateRule: a missing field never matches', () => {
  const conditions = [...DISPLAY_NUMBER_CONDITIONS];

  test.each(conditions)('%s with the field absent', (condition) => {
    expect(evaluateRule(rule('country', condition, 'US'), {})).toBe(false);
    expect(evaluateRule(rule('country', condition, 'US'), { state: 'US' })).toBe(false);
  });

  test.each(conditions)('%s with the field undefined, empty or blank', (condition) => {
    expect(evaluateRule(rule('country', condition, 'US'), { country: undefined })).toBe(false);
    expect(evaluateRule(rule('country', condition, 'US'), { country: '' })).toBe(false);
    expect(evaluateRule(rule('country', condition, 'US'), { country: '   ' })).toBe(false);
  });

  test('notEquals in particular: "not US" does not match a contact with no country', () => {
    expect(evaluateRule(rule('country', 'notEquals', 'US'), { country: 'CA' })).toBe(true);
    expect(evaluateRule(rule('country', 'notEquals', 'US'), {})).toBe(false);
  });

  test.each(conditions)('%s with a blank rule value never matches (no accidental catch-all)', (condition) => {
    expect(evaluateRule(rule('country', condition, ''), { country: 'US' })).toBe(false);
    expect(evaluateRule(rule('country', condition, '  '), { country: 'US' })).toBe(false);
  });

  test('inherited object properties are not fields', () => {
    expect(evaluateRule(rule('constructor', 'contains', 'function'), {})).toBe(false);
    expect(evaluateRule(rule('toString', 'notEquals', 'x'), {})).toBe(false);
  });
});

describe('evaluateRule properties', () => {
  const condition = fc.constantFrom(...DISPLAY_NUMBER_CONDITIONS);

  test('changing the case of field name, field value and rule value (ASCII) never changes the result', () => {
    fc.assert(
      fc.property(condition, fc.string(), fc.string(), (cond, actual, expected) => {
        const plain = evaluateRule(rule('postalCode', cond, expected), { postalCode: actual });
        const shouted = evaluateRule(rule('POSTALCODE', cond, ` ${expected.toUpperCase()} `), { postalcode: `${actual.toLowerCase()}\t` });
        expect(shouted).toBe(plain);
      }),
    );
  });

  test('with the field present and a non-blank value, notEquals is exactly not-equals', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (actual, expected) => {
        fc.pre(actual.trim() !== '' && expected.trim() !== '');
        const f = { f: actual };
        expect(evaluateRule(rule('f', 'notEquals', expected), f)).toBe(!evaluateRule(rule('f', 'equals', expected), f));
      }),
    );
  });

  test('equals implies startsWith, endsWith and contains; startsWith and endsWith imply contains', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (actual, expected) => {
        const f = { f: actual };
        const is = (c: DisplayNumberCondition) => evaluateRule(rule('f', c, expected), f);
        if (is('equals')) expect(is('startsWith') && is('endsWith') && is('contains')).toBe(true);
        if (is('startsWith') || is('endsWith')) expect(is('contains')).toBe(true);
      }),
    );
  });
});
