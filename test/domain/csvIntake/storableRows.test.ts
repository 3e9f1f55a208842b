/** Issue 10 on the CSV path: unstorable text, reserved names, impossible instants and chain duplicates are row (or header) errors. */
import { ChainAssembler, ChainCounter } from '../../../domain/csvIntake/chains';
import { readHeader, type IntakeColumns } from '../../../domain/csvIntake/columns';
import { readRow, type IntakeRow } from '../../../domain/csvIntake/rows';
import { UNSTORABLE_TEXT_MESSAGE } from '../../../domain/text';

const HEADER = ['UniqueIdentifier', 'MobilePhoneNumber', 'HomePhoneNumber', 'ID', 'WindowStart', 'WindowEnd', 'Note'];
const columns = (header = HEADER): IntakeColumns => {
  const result = readHeader(header);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.columns;
};
const row = (cells: Partial<Record<string, string>>) => HEADER.map((h) => cells[h] ?? '');
const good = { UniqueIdentifier: 'c', MobilePhoneNumber: '+15550100001' };

describe('unstorable text in a cell is a row error naming the column', () => {
  test.each([
    ['UniqueIdentifier', 'c\u0000'],
    ['MobilePhoneNumber', '+15550100001\u0000'],
    ['ID', 'A\uD800'],
    ['Note', 'x\u0000y'],
    ['Note', '\uDC00'],
  ])('%s = %j', (column, value) => {
    const result = readRow(row({ ...good, [column]: value }), 4, columns());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(`${column} ${UNSTORABLE_TEXT_MESSAGE}`);
  });

  test('the other rows of the file are unaffected', () => {
    expect(readRow(row({ ...good, Note: 'fine 😀' }), 5, columns()).ok).toBe(true);
  });
});

describe('header names', () => {
  test.each([
    ['NUL', 'No\u0000te', '#3'],
    ['a lone surrogate', 'Note\uD800', '#3'],
    ['__proto__', '__proto__', '__proto__'],
  ])('a column named with %s is refused', (_what, name, column) => {
    const result = readHeader(['UniqueIdentifier', 'MobilePhoneNumber', name]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.column)).toContain(column);
  });
});

describe('window timestamps must be real instants', () => {
  test.each([
    '2027-02-30T10:00:00.000Z',
    '2027-02-29T10:00:00.000Z',
    '2027-04-31T10:00:00.000Z',
    '2027-03-01T24:00:00.000Z',
    '0000-01-01T00:00:00.000Z',
  ])('%s is a row error', (start) => {
    const result = readRow(row({ ...good, WindowStart: start, WindowEnd: '2099-01-01T00:00:00.000Z' }), 3, columns());
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.reason).toContain('WindowStart and WindowEnd must be real UTC instants in the form yyyy-MM-ddTHH:mm:ss.fffZ');
  });

  test('a leap day of a leap year is accepted', () => {
    expect(readRow(row({ ...good, WindowStart: '2028-02-29T10:00:00.000Z', WindowEnd: '2028-03-01T10:00:00.000Z' }), 3, columns()).ok).toBe(
      true,
    );
  });
});

test('the same number in two phone columns of a row is a row error', () => {
  const result = readRow(row({ ...good, HomePhoneNumber: '+1 555 010 0001' }), 3, columns());
  expect(result).toEqual({ ok: false, reason: 'HomePhoneNumber +15550100001 is also in another phone column' });
});

describe('duplicates across the rows of a chain', () => {
  const r = (line: number, contactId: string, number: string): IntakeRow => ({
    line,
    chainId: 'A',
    contact: { contactId, phones: [{ type: 'mobile', number }] },
    passThrough: {},
  });

  test('a contact id or a number already in the chain refuses the later row; both passes agree', () => {
    const rows = [r(2, 'a', '+15550100001'), r(3, 'a', '+15550100002'), r(4, 'b', '+15550100001'), r(5, 'c', '+15550100003')];
    const counter = new ChainCounter();
    expect(rows.map((x) => counter.admit(x))).toEqual([
      undefined,
      'chain "A": contact id "a" is also contact 1 of the chain',
      'chain "A": +15550100001 is also a number of contact 1 of the chain',
      undefined,
    ]);
    const assembler = new ChainAssembler(counter.lastLines);
    expect(rows.map((x) => assembler.add(x)?.map((c) => c.line))).toEqual([undefined, undefined, undefined, [2, 5]]);
    expect(assembler.pending).toBe(0);
  });

  test('rows of different chains may share a contact or a number', () => {
    const counter = new ChainCounter();
    expect(counter.admit({ ...r(2, 'a', '+15550100001'), chainId: 'A' })).toBeUndefined();
    expect(counter.admit({ ...r(3, 'a', '+15550100001'), chainId: 'B' })).toBeUndefined();
  });
});

test('a row error for unstorable text never quotes the cell, so the reason itself can be stored', () => {
  const result = readRow(row({ UniqueIdentifier: 'c', MobilePhoneNumber: '+1555\u0000', Note: 'a\u0000' }), 3, columns());
  expect(result).toEqual({ ok: false, reason: `MobilePhoneNumber ${UNSTORABLE_TEXT_MESSAGE}; Note ${UNSTORABLE_TEXT_MESSAGE}` });
});
