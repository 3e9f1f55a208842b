/** Row numbers in upload errors: a record is reported at the physical line where it starts. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { csvRecords } from '../../../api/uploads/csvRecords';

async function linesOf(text: string): Promise<Array<[number, string]>> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'csv-records-')), 'upload.csv');
  writeFileSync(file, text);
  const out: Array<[number, string]> = [];
  for await (const r of csvRecords(file)) out.push([r.line, r.fields[0]!]);
  return out;
}

test.each([
  ['LF', '\n'],
  ['CRLF', '\r\n'],
  ['CR', '\r'],
])('records spanning several lines are numbered by their first line (%s)', async (_name, nl) => {
  const text = ['h1,h2', 'a,"x', 'y"', 'b,"p', 'q', 'r"', '', 'c,d', '"e', 'f",g', 'z,last'].join(nl) + nl;
  expect(await linesOf(text)).toEqual([
    [1, 'h1'],
    [2, 'a'],
    [4, 'b'],
    // line 7 is empty and skipped, but still counted
    [8, 'c'],
    [9, `e${nl}f`],
    [11, 'z'],
  ]);
});
