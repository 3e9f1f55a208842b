/** The CSV header: each problem named by column, with its position, exactly as the upload reports it. */
import { MAX_PASS_THROUGH_COLUMNS, readHeader } from '../../../domain/csvIntake/columns';
import { UNSTORABLE_TEXT_MESSAGE } from '../../../domain/text';

const problems = (header: string[]) => {
  const result = readHeader(header);
  return result.ok ? [] : result.problems;
};
const BASE = ['UniqueIdentifier', 'MobilePhoneNumber'];

test('a nameless, overlong, unstorable, reserved or repeated column is named with its position', () => {
  const long = 'x'.repeat(101);
  expect(problems([...BASE, ' ', long, 'a\u0000b', '__proto__', 'mobilephonenumber', 'Note', 'NOTE'])).toEqual([
    { column: '#3', message: 'column 3 has no name' },
    { column: 'x'.repeat(40), message: 'column 4: a column name has at most 100 characters' },
    { column: '#5', message: `column 5: the name ${UNSTORABLE_TEXT_MESSAGE}` },
    { column: '__proto__', message: 'column 6: "__proto__" is not allowed as a name' },
    { column: 'mobilephonenumber', message: 'column "mobilephonenumber" appears more than once' },
    { column: 'NOTE', message: 'column "NOTE" appears more than once' },
  ]);
});

test('a column name of exactly 100 characters is accepted', () => {
  expect(problems([...BASE, 'y'.repeat(100)])).toEqual([]);
});

test('the required columns, and window columns that come together', () => {
  expect(problems(['Note', 'WindowStart'])).toEqual([
    { column: 'UniqueIdentifier', message: 'the required column UniqueIdentifier is missing' },
    {
      column: 'MobilePhoneNumber',
      message: 'at least one of the columns MobilePhoneNumber, BusinessPhoneNumber, HomePhoneNumber is required',
    },
    { column: 'WindowEnd', message: 'WindowStart and WindowEnd come together' },
  ]);
  expect(problems([...BASE, 'WindowEnd'])).toEqual([{ column: 'WindowStart', message: 'WindowStart and WindowEnd come together' }]);
  expect(problems(['UniqueIdentifier', 'HomePhoneNumber', 'WindowStart', 'WindowEnd'])).toEqual([]);
});

test(`at most ${MAX_PASS_THROUGH_COLUMNS} pass-through columns: the first one too many is named`, () => {
  const extra = (n: number) => Array.from({ length: n }, (_, i) => `attr${i}`);
  expect(problems([...BASE, ...extra(MAX_PASS_THROUGH_COLUMNS)])).toEqual([]);
  expect(problems([...BASE, ...extra(MAX_PASS_THROUGH_COLUMNS + 1)])).toEqual([
    { column: `attr${MAX_PASS_THROUGH_COLUMNS}`, message: `at most ${MAX_PASS_THROUGH_COLUMNS} pass-through columns` },
  ]);
});
