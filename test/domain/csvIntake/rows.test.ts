import { ChainAssembler, ChainCounter, chainDelivery } from '../../../domain/csvIntake/chains';
import { readHeader, type IntakeColumns } from '../../../domain/csvIntake/columns';
import { readRow, type IntakeRow } from '../../../domain/csvIntake/rows';
import { normalisePhoneNumber, phoneCountry } from '../../../domain/phoneNumbers';

const HEADER = [
  'UniqueIdentifier',
  'FirstName',
  'MobilePhoneNumber',
  'HomePhoneNumber',
  'CountryCode',
  'State',
  'TimeZone',
  'ID',
  'Priority',
  'WindowStart',
  'WindowEnd',
  'Note',
];
const columns = (header = HEADER): IntakeColumns => {
  const result = readHeader(header);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.columns;
};
const row = (cells: Partial<Record<string, string>>) => HEADER.map((h) => cells[h] ?? '');

describe('CSV header', () => {
  test('named columns match case-insensitively; the rest pass through', () => {
    const c = columns(['uniqueidentifier', ' MobilePhoneNumber ', 'Balance', 'priority']);
    expect(c.named).toEqual({ uniqueIdentifier: 0, mobile: 1, priority: 3 });
    expect(c.passThrough).toEqual([{ name: 'Balance', index: 2 }]);
  });

  test.each([
    [['MobilePhoneNumber'], 'UniqueIdentifier'],
    [['UniqueIdentifier', 'Name'], 'MobilePhoneNumber'],
    [['UniqueIdentifier', 'HomePhoneNumber', 'Note', 'note'], 'note'],
    [['UniqueIdentifier', 'HomePhoneNumber', 'Country', 'CountryCode'], 'CountryCode'],
    [['UniqueIdentifier', 'HomePhoneNumber', 'WindowStart'], 'WindowEnd'],
    [['UniqueIdentifier', 'HomePhoneNumber', ''], '#3'],
    [['UniqueIdentifier', 'HomePhoneNumber', ...Array.from({ length: 100 }, (_, i) => `c${i}`)], 'c99'],
  ])('%j is refused, naming %s', (header, column) => {
    const result = readHeader(header);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.column)).toContain(column);
  });
});

describe('CSV rows', () => {
  test('a good row: E.164 numbers, the row country for national numbers, cells kept verbatim', () => {
    const result = readRow(
      row({
        UniqueIdentifier: ' c-1 ',
        FirstName: '=1+1',
        MobilePhoneNumber: '(212) 555-0100',
        HomePhoneNumber: '+44 20 7183 8750',
        CountryCode: 'us',
        State: 'NY',
        TimeZone: 'America/New_York',
        ID: 'A',
        Priority: 'soon',
        Note: " '; DROP TABLE x;-- ",
      }),
      7,
      columns(),
    );
    expect(result).toEqual({
      ok: true,
      row: {
        line: 7,
        chainId: 'A',
        contact: {
          contactId: 'c-1',
          timeZone: 'America/New_York',
          phones: [
            { type: 'mobile', number: '+12125550100' },
            { type: 'home', number: '+442071838750' },
          ],
          country: 'us',
          state: 'NY',
        },
        firstName: '=1+1',
        lastName: undefined,
        passThrough: { Note: " '; DROP TABLE x;-- " },
        priority: 'soon',
        window: undefined,
      },
    });
  });

  test('the upload default country applies when the row has none', () => {
    const cells = row({ UniqueIdentifier: 'c', MobilePhoneNumber: '020 7183 8750' });
    expect(readRow(cells, 2, columns())).toMatchObject({ ok: false, reason: expect.stringContaining('international form') });
    expect(readRow(cells, 2, columns(), 'GB')).toMatchObject({
      ok: true,
      row: { contact: { phones: [{ type: 'mobile', number: '+442071838750' }] } },
    });
  });

  test.each([
    [{ UniqueIdentifier: '', MobilePhoneNumber: '+15550100001' }, 'UniqueIdentifier is empty'],
    [{ UniqueIdentifier: 'c' }, 'no phone number'],
    [{ UniqueIdentifier: 'c', MobilePhoneNumber: '=HYPERLINK("x")' }, 'MobilePhoneNumber "=HYPERLINK("x")" is not a possible phone number'],
    [{ UniqueIdentifier: 'c', MobilePhoneNumber: '+15550100001', TimeZone: 'EST5' }, 'TimeZone "EST5"'],
    [{ UniqueIdentifier: 'c', MobilePhoneNumber: '+15550100001', WindowStart: '2030-01-01T00:00:00.000Z' }, 'both given or both empty'],
    [
      { UniqueIdentifier: 'c', MobilePhoneNumber: '+15550100001', WindowStart: '2030-01-01T00:00:00Z', WindowEnd: '2030-01-02T00:00:00Z' },
      'yyyy-MM-ddTHH:mm:ss.fffZ',
    ],
    [
      {
        UniqueIdentifier: 'c',
        MobilePhoneNumber: '+15550100001',
        WindowStart: '2030-01-02T00:00:00.000Z',
        WindowEnd: '2030-01-01T00:00:00.000Z',
      },
      'WindowEnd must be after WindowStart',
    ],
    [{ UniqueIdentifier: 'x'.repeat(201), MobilePhoneNumber: '+15550100001' }, 'UniqueIdentifier has more than 200 characters'],
    [{ UniqueIdentifier: 'c', MobilePhoneNumber: '+15550100001', Note: 'n'.repeat(4001) }, 'Note has more than 4000 characters'],
  ])('%j is a row error: %s', (cells, reason) => {
    const result = readRow(row(cells), 3, columns());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  test('every problem of a row is reported at once', () => {
    const result = readRow(row({ MobilePhoneNumber: '12', TimeZone: 'Nowhere' }), 3, columns());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.split('; ')).toHaveLength(3);
  });

  test('a row with another number of fields than the header', () => {
    expect(readRow(['c', '+15550100001'], 4, columns())).toEqual({
      ok: false,
      reason: `the row has 2 fields, the header has ${HEADER.length}`,
    });
  });
});

describe('chains', () => {
  const r = (line: number, chainId?: string, extra: Partial<IntakeRow> = {}): IntakeRow => ({
    line,
    chainId,
    contact: { contactId: `c${line}`, phones: [] },
    passThrough: {},
    ...extra,
  });

  test('rows sharing an ID form one chain in file order, complete at its last row; the sixth is refused', () => {
    const rows = [r(2, 'A'), r(3), r(4, 'B'), r(5, 'A'), r(6, 'A'), r(7, 'A'), r(8, 'A'), r(9, 'A'), r(10, 'B')];
    const counter = new ChainCounter();
    expect(rows.map((x) => counter.admit(x))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      expect.stringContaining('chain "A" exceeds 5 contacts'),
      undefined,
    ]);
    const assembler = new ChainAssembler(counter.lastLines);
    const chains = rows.map((x) => assembler.add(x)?.map((c) => c.line));
    expect(chains).toEqual([undefined, [3], undefined, undefined, undefined, undefined, [2, 5, 6, 7, 8], undefined, [4, 10]]);
    expect(assembler.pending).toBe(0);
  });

  test('a chain delivery: the first row wins for attributes, Priority and window; ID is the tracking id', () => {
    const window = { start: '2030-01-01T00:00:00.000Z', end: '2030-01-02T00:00:00.000Z' };
    const d = chainDelivery([
      r(2, 'A', { passThrough: { a: '1' } }),
      r(3, 'A', { passThrough: { a: '2', b: '3' }, priority: '5', window }),
    ]);
    expect(d).toMatchObject({ trackingId: 'A', inputAttributes: { a: '1', b: '3' }, customPriority: '5', windows: [window] });
  });
});

test('phone countries', () => {
  expect(phoneCountry(' gb ')).toBe('GB');
  expect(phoneCountry('XX')).toBeUndefined();
  expect(phoneCountry('USA')).toBeUndefined();
  expect(normalisePhoneNumber('212 555 0100', 'US')).toBe('+12125550100');
  expect(normalisePhoneNumber('212 555 0100')).toBeNull();
});
