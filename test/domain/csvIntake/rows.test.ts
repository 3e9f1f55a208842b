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

describe('CSV row bounds and messages', () => {
  const WIDE = ['UniqueIdentifier', 'MobilePhoneNumber', 'LastName', 'PostalCode', 'TimeZone', 'WindowStart', 'WindowEnd', 'Note', 'Extra'];
  const wide = (cells: Partial<Record<string, string>>) => WIDE.map((h) => cells[h] ?? '');
  const read = (cells: Partial<Record<string, string>>, defaultCountry?: string) =>
    readRow(wide({ UniqueIdentifier: 'c', MobilePhoneNumber: '+12125550100', ...cells }), 2, columns(WIDE), defaultCountry);
  const reason = (result: ReturnType<typeof readRow>) => (result.ok ? undefined : result.reason);

  test('a cell at its limit is accepted, one character more is not', () => {
    expect(read({ UniqueIdentifier: 'u'.repeat(200) }).ok).toBe(true);
    expect(reason(read({ UniqueIdentifier: 'u'.repeat(201) }))).toBe('UniqueIdentifier has more than 200 characters');
    expect(read({ Note: 'n'.repeat(4000) }).ok).toBe(true);
    expect(reason(read({ Note: 'n'.repeat(4001) }))).toBe('Note has more than 4000 characters');
  });

  test('a quoted bad value is cut at 40 characters; a national number names the default country it was read with', () => {
    expect(reason(read({ MobilePhoneNumber: '9'.repeat(50) }))).toBe(
      `MobilePhoneNumber "${'9'.repeat(40)}" is not a possible phone number in international form (+<country code><number>)`,
    );
    expect(reason(read({ MobilePhoneNumber: '12' }, 'US'))).toBe(
      'MobilePhoneNumber "12" is not a possible phone number (default country US)',
    );
    expect(reason(read({ TimeZone: 'Z'.repeat(50) }))).toMatch(new RegExp(`^TimeZone "${'Z'.repeat(40)}" is not `));
  });

  test('a window that ends when it starts is refused; a good one is kept as given', () => {
    const start = '2026-06-01T09:00:00.000Z';
    expect(reason(read({ WindowStart: start, WindowEnd: start }))).toBe('WindowEnd must be after WindowStart');
    const result = read({ WindowStart: start, WindowEnd: '2026-06-01T17:00:00.000Z' });
    expect(result.ok && result.row.window).toEqual({ start, end: '2026-06-01T17:00:00.000Z' });
  });

  test('pass-through cells: kept verbatim, blank ones left out; an unstorable one is named by its own column', () => {
    const result = read({ Note: '  spaced  ', Extra: '   ', LastName: 'Lovelace', PostalCode: '10001' });
    expect(result.ok && result.row.passThrough).toEqual({ Note: '  spaced  ' });
    expect(result.ok && result.row.lastName).toBe('Lovelace');
    expect(result.ok && result.row.contact.postalCode).toBe('10001');
    expect(reason(read({ Extra: 'a\u0000b' }))).toMatch(/^Extra contains a character that cannot be stored/);
  });
});

describe('chain admission', () => {
  const member = (line: number, contactId: string, number: string) => ({
    line,
    chainId: 'c'.repeat(50),
    contact: { contactId, phones: [{ type: 'mobile' as const, number }] },
  });

  test('rows without an ID are deliveries of their own; messages quote at most 40 characters of the ID', () => {
    const counter = new ChainCounter();
    expect(counter.admit({ line: 2 })).toBeUndefined();
    expect(counter.lastLines.size).toBe(0);
    expect(counter.admit(member(3, 'a', '+15550100001'))).toBeUndefined();
    expect(counter.admit(member(4, 'a', '+15550100002'))).toMatch(new RegExp(`^chain "${'c'.repeat(40)}": `));
    for (let i = 0; i < 4; i++) expect(counter.admit(member(5 + i, `b${i}`, `+1555010001${i}`))).toBeUndefined();
    expect(counter.admit(member(9, 'z', '+15550100099'))).toBe(
      `chain "${'c'.repeat(40)}" exceeds 5 contacts (ID appears on more than 5 rows)`,
    );
    expect(counter.lastLines.get('c'.repeat(50))).toBe(8);
  });

  test('a row refused for its own fields still takes its place in the chain (by line, with no numbers)', () => {
    const counter = new ChainCounter();
    expect(counter.admit({ line: 2, chainId: 'K' })).toBeUndefined();
    expect(counter.admit({ line: 3, chainId: 'K' })).toBeUndefined();
    expect(counter.lastLines.get('K')).toBe(3);
  });

  test('a chain delivery without a window or a priority has none', () => {
    const rows = [member(2, 'a', '+15550100001'), member(3, 'b', '+15550100002')].map((r) => ({ ...r, passThrough: {} }));
    const delivery = chainDelivery(rows as unknown as IntakeRow[]);
    expect(delivery.windows).toBeUndefined();
    expect(delivery.customPriority).toBeUndefined();
  });
});
