import fc from 'fast-check';
import {
  DISPLAY_NUMBER_CONDITIONS,
  type DisplayNumberContext,
  type DisplayNumberPolicy,
  type DisplayNumberRule,
  evaluateRule,
  selectDisplayNumber,
  stableHash,
} from '../../../domain/displayNumbers';

const QUEUE = '+15550109999';
const A = '+15550100001';
const B = '+15550100002';
const C = '+15550100003';

const ctx = (fields: Record<string, string | undefined> = {}, callKey = 'd-1:a1:n0'): DisplayNumberContext => ({
  queueNumber: QUEUE,
  callKey,
  fields,
});

describe('queue mode', () => {
  test('always the queue number', () => {
    expect(selectDisplayNumber({ mode: 'queue' }, ctx({ country: 'US' }))).toEqual({ number: QUEUE, reason: 'queue' });
  });

  test('an unknown mode (bad stored data) falls back to the queue number', () => {
    const bad = { mode: 'roundRobin', numbers: [A] } as unknown as DisplayNumberPolicy;
    expect(selectDisplayNumber(bad, ctx())).toEqual({ number: QUEUE, reason: 'queue' });
  });
});

describe('rules mode', () => {
  const rules: DisplayNumberRule[] = [
    { field: 'state', condition: 'equals', value: 'WA', number: A },
    { field: 'postalCode', condition: 'startsWith', value: '98', number: B },
    { field: 'country', condition: 'notEquals', value: 'US', number: C },
  ];
  const policy: DisplayNumberPolicy = { mode: 'rules', rules };

  test('the first matching rule wins, even when later rules match too', () => {
    expect(selectDisplayNumber(policy, ctx({ state: 'WA', postalCode: '98052', country: 'CA' }))).toEqual({ number: A, reason: 'rule 1' });
    expect(selectDisplayNumber(policy, ctx({ state: 'OR', postalCode: '98052', country: 'CA' }))).toEqual({ number: B, reason: 'rule 2' });
    expect(selectDisplayNumber(policy, ctx({ state: 'OR', postalCode: '97201', country: 'CA' }))).toEqual({ number: C, reason: 'rule 3' });
  });

  test('order is the list order: reversing the rules changes the winner', () => {
    const reversed: DisplayNumberPolicy = { mode: 'rules', rules: [...rules].reverse() };
    expect(selectDisplayNumber(reversed, ctx({ state: 'WA', postalCode: '98052', country: 'CA' }))).toEqual({
      number: C,
      reason: 'rule 1',
    });
  });

  test('no rule matched: the queue number', () => {
    expect(selectDisplayNumber(policy, ctx({ state: 'OR', postalCode: '97201', country: 'US' }))).toEqual({
      number: QUEUE,
      reason: 'no rule matched',
    });
  });

  test('missing fields match nothing, not even notEquals, so the queue number is used', () => {
    expect(selectDisplayNumber(policy, ctx({}))).toEqual({ number: QUEUE, reason: 'no rule matched' });
  });

  test('no rules at all: the queue number', () => {
    expect(selectDisplayNumber({ mode: 'rules', rules: [] }, ctx({ state: 'WA' }))).toEqual({ number: QUEUE, reason: 'no rule matched' });
  });

  test('field names and values are case-insensitive', () => {
    const p: DisplayNumberPolicy = { mode: 'rules', rules: [{ field: 'Country', condition: 'equals', value: 'us', number: A }] };
    expect(selectDisplayNumber(p, ctx({ country: ' US ' }))).toEqual({ number: A, reason: 'rule 1' });
  });

  test('a rule with a blank number is skipped; reasons keep their list positions', () => {
    const p: DisplayNumberPolicy = {
      mode: 'rules',
      rules: [
        { field: 'state', condition: 'equals', value: 'WA', number: ' ' },
        { field: 'state', condition: 'equals', value: 'WA', number: B },
      ],
    };
    expect(selectDisplayNumber(p, ctx({ state: 'WA' }))).toEqual({ number: B, reason: 'rule 2' });
  });

  test('all five rules are reachable; the reason names the 1-based position', () => {
    const five: DisplayNumberRule[] = ['1', '2', '3', '4', '5'].map((d) => ({
      field: 'postalCode',
      condition: 'endsWith',
      value: d,
      number: `+1555010000${d}`,
    }));
    for (const d of ['1', '2', '3', '4', '5']) {
      expect(selectDisplayNumber({ mode: 'rules', rules: five }, ctx({ postalCode: `9800${d}` }))).toEqual({
        number: `+1555010000${d}`,
        reason: `rule ${d}`,
      });
    }
  });

  test('rules can look at pass-through attributes and the destination', () => {
    const p: DisplayNumberPolicy = {
      mode: 'rules',
      rules: [
        { field: 'segment', condition: 'contains', value: 'gold', number: A },
        { field: 'destination', condition: 'startsWith', value: '+44', number: B },
      ],
    };
    expect(selectDisplayNumber(p, ctx({ segment: 'Gold-tier' }))).toEqual({ number: A, reason: 'rule 1' });
    expect(selectDisplayNumber(p, ctx({ destination: '+447700900123' }))).toEqual({ number: B, reason: 'rule 2' });
  });
});

describe('automated mode', () => {
  const numbers = [A, B, C];

  test('reproducible: the same call key always gets the same number', () => {
    for (let i = 0; i < 200; i++) {
      const key = `delivery-${i}:a2:n1`;
      const first = selectDisplayNumber({ mode: 'automated', numbers }, ctx({}, key));
      expect(first.reason).toBe('automated');
      expect(
        selectDisplayNumber({ mode: 'automated', numbers: [...numbers] }, { queueNumber: '+19999', callKey: key, fields: { x: 'y' } }),
      ).toEqual(first);
      expect(first.number).toBe(numbers[stableHash(key) % numbers.length]);
    }
  });

  test('pinned values: the mapping does not drift between releases', () => {
    const picks = ['d-1:a1:n0', 'd-1:a1:n1', 'd-1:a2:n0', 'd-2:a1:n0'].map(
      (k) => selectDisplayNumber({ mode: 'automated', numbers }, ctx({}, k)).number,
    );
    expect(picks).toEqual(['d-1:a1:n0', 'd-1:a1:n1', 'd-1:a2:n0', 'd-2:a1:n0'].map((k) => numbers[stableHash(k) % 3]));
    expect(picks).toEqual([B, A, C, A]);
  });

  test('different attempts and numbers of one delivery do not all share one display number', () => {
    const used = new Set<string>();
    for (let a = 1; a <= 5; a++)
      for (let n = 0; n < 3; n++) used.add(selectDisplayNumber({ mode: 'automated', numbers }, ctx({}, `d-42:a${a}:n${n}`)).number);
    expect(used.size).toBe(3);
  });

  test('a single number is always used', () => {
    expect(selectDisplayNumber({ mode: 'automated', numbers: [B] }, ctx())).toEqual({ number: B, reason: 'automated' });
  });

  test('no numbers (or only blank ones): the queue number', () => {
    expect(selectDisplayNumber({ mode: 'automated', numbers: [] }, ctx())).toEqual({ number: QUEUE, reason: 'queue' });
    expect(selectDisplayNumber({ mode: 'automated', numbers: ['', '  '] }, ctx())).toEqual({ number: QUEUE, reason: 'queue' });
  });

  test('blank entries are ignored, never returned', () => {
    for (let i = 0; i < 100; i++) {
      expect(selectDisplayNumber({ mode: 'automated', numbers: ['', A, ' ', B] }, ctx({}, `k${i}`)).number).toMatch(/^\+1555/);
    }
  });
});

describe('selectDisplayNumber properties', () => {
  const phone = fc.oneof(fc.constantFrom(A, B, C, '+442071838750', ''), fc.string({ unit: 'binary', maxLength: 16 }));
  const fieldName = fc.constantFrom('country', 'Country', 'state', 'postalCode', 'timeZone', 'destination', 'phoneType', 'segment');
  const rule = fc.record({
    field: fieldName,
    condition: fc.constantFrom(...DISPLAY_NUMBER_CONDITIONS),
    value: fc.oneof(fc.constantFrom('US', 'wa', '98', 'mobile', ''), fc.string({ maxLength: 4 })),
    number: phone,
  });
  const policy: fc.Arbitrary<DisplayNumberPolicy> = fc.oneof(
    fc.constant<DisplayNumberPolicy>({ mode: 'queue' }),
    fc.record({ mode: fc.constant<'automated'>('automated'), numbers: fc.array(phone, { maxLength: 8 }) }),
    fc.record({ mode: fc.constant<'rules'>('rules'), rules: fc.array(rule, { maxLength: 5 }) }),
  );
  const context: fc.Arbitrary<DisplayNumberContext> = fc.record({
    queueNumber: phone,
    callKey: fc.string({ unit: 'binary', maxLength: 48 }),
    fields: fc.dictionary(
      fieldName,
      fc.option(fc.oneof(fc.constantFrom('US', 'WA', '98052', 'Mobile', ' us '), fc.string({ maxLength: 6 })), { nil: undefined }),
    ),
  });

  const allowed = (p: DisplayNumberPolicy, c: DisplayNumberContext): string[] => {
    switch (p.mode) {
      case 'queue':
        return [c.queueNumber];
      case 'automated':
        return [c.queueNumber, ...p.numbers];
      case 'rules':
        return [c.queueNumber, ...p.rules.map((r) => r.number)];
    }
  };

  test("the selected number is always the queue's number or one of the policy's numbers", () => {
    fc.assert(
      fc.property(policy, context, (p, c) => {
        expect(allowed(p, c)).toContain(selectDisplayNumber(p, c).number);
      }),
      { numRuns: 2000 },
    );
  });

  test('the reason agrees with the number and with the rules', () => {
    fc.assert(
      fc.property(policy, context, (p, c) => {
        const { number, reason } = selectDisplayNumber(p, c);
        if (p.mode === 'queue') {
          expect({ number, reason }).toEqual({ number: c.queueNumber, reason: 'queue' });
        } else if (p.mode === 'automated') {
          const usable = p.numbers.filter((n) => n.trim() !== '');
          if (usable.length === 0) expect({ number, reason }).toEqual({ number: c.queueNumber, reason: 'queue' });
          else {
            expect(reason).toBe('automated');
            expect(usable).toContain(number);
          }
        } else {
          const winner = p.rules.findIndex((r) => r.number.trim() !== '' && evaluateRule(r, c.fields));
          if (winner < 0) expect({ number, reason }).toEqual({ number: c.queueNumber, reason: 'no rule matched' });
          else expect({ number, reason }).toEqual({ number: p.rules[winner]!.number, reason: `rule ${winner + 1}` });
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('deterministic: the same inputs always give the same selection', () => {
    fc.assert(
      fc.property(policy, context, (p, c) => {
        expect(selectDisplayNumber(structuredClone(p), structuredClone(c))).toEqual(selectDisplayNumber(p, c));
      }),
    );
  });
});
