/** The benches' generated contact list: one row a number, households and bad rows only when asked for. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeContactsCsv } from '../../bench/contactsCsv';

let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'contacts-csv-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rowsOf = (file: string) => readFileSync(file, 'utf8').trim().split('\n').slice(1);

test('by default: households of 3 every 4th group, a bad number every 100th row, windows a day ahead', async () => {
  const file = path.join(dir, 'default.csv');
  expect(await writeContactsCsv(file, 300)).toEqual({ bad: 3, chained: 75 });
  const rows = rowsOf(file);
  expect(rows).toHaveLength(300);
  expect(rows[99]!.split(',')[1]).toBe('+1555');
  expect(new Date(rows[0]!.split(',')[4]!).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
});

test('a campaign list: every row its own delivery with a valid, distinct number, in the window given', async () => {
  const file = path.join(dir, 'campaign.csv');
  const window = { start: new Date('2026-12-07T10:00:00Z'), end: new Date('2026-12-08T10:00:00Z') };
  expect(await writeContactsCsv(file, 250, { households: false, badEvery: 0, window })).toEqual({ bad: 0, chained: 0 });
  const rows = rowsOf(file).map((r) => r.split(','));
  expect(rows.every((r) => r[2] === '' && /^\+1555\d{7}$/.test(r[1]!))).toBe(true);
  expect(new Set(rows.map((r) => r[1])).size).toBe(250);
  expect(rows[0]!.slice(4, 6)).toEqual([window.start.toISOString(), window.end.toISOString()]);
});
