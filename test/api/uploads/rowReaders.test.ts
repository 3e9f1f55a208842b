/**
 * The first pass's row readers: rows read on worker threads come back as readRow reads them on this
 * thread, in file order across batches and threads, from the TypeScript source (through tsx) and from
 * the bundle `npm run build:api` writes; a thread that fails fails that read and every later one;
 * a small file is read on this thread.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { CsvRecord } from '../../../api/uploads/csvRecords';
import { rowReader } from '../../../api/uploads/rowReaders';
import { readHeader } from '../../../domain/csvIntake/columns';
import { readRow } from '../../../domain/csvIntake/rows';

const ROOT = path.join(__dirname, '..', '..', '..');
const header = readHeader(['UniqueIdentifier', 'MobilePhoneNumber', 'Country', 'ID', 'Note']);
if (!header.ok) throw new Error('header');
const columns = header.columns;

/** Good rows, national numbers with and without a country, impossible numbers, short rows. */
function records(n: number, from = 0): CsvRecord[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const phone =
      i % 7 === 3 ? '+1555' : i % 5 === 0 ? `020 7946 ${String(1000 + (i % 9000)).slice(-4)}` : `+1555${String(1_000_000 + i).slice(-7)}`;
    const fields = [`c${i}`, phone, i % 5 === 0 && i % 10 !== 0 ? 'GB' : '', i % 4 === 0 ? `h${Math.floor(i / 8)}` : '', `note ${i}`];
    return { fields: i % 11 === 6 ? fields.slice(0, 3) : fields, line: i + 2 };
  });
}
const onThisThread = (rs: CsvRecord[]) => rs.map((r) => readRow(r.fields, r.line, columns, undefined));

test('rows read on two threads from the source equal rows read here, in order across batches', async () => {
  const reader = rowReader(0, columns, undefined, { threads: 2 });
  try {
    expect(reader.threads).toBe(2);
    const batches = [records(700), records(1000, 700), records(1, 1700), records(299, 1701)];
    // All sent at once: the threads answer out of order, each read still gets its own rows.
    const results = await Promise.all(batches.map((b) => reader.read(b)));
    expect(results).toEqual(batches.map(onThisThread));
    expect(results.flat().filter((r) => !r.ok).length).toBeGreaterThan(100);
  } finally {
    await reader.close();
  }
});

test("the bundle's thread file reads rows as the source does", async () => {
  execFileSync('npm', ['run', '-s', 'build:api'], { cwd: ROOT, stdio: 'inherit' });
  const reader = rowReader(0, columns, 'GB', { threads: 1, moduleFile: path.join(ROOT, 'dist', 'api.cjs') });
  try {
    const batch = records(500);
    expect(await reader.read(batch)).toEqual(batch.map((r) => readRow(r.fields, r.line, columns, 'GB')));
  } finally {
    await reader.close();
  }
}, 60_000);

test('a thread that fails fails its read and every later one, naming why', async () => {
  const reader = rowReader(0, columns, undefined, { threads: 1 });
  try {
    const broken = [{ fields: null, line: 2 } as unknown as CsvRecord];
    await expect(reader.read(broken)).rejects.toThrow(/^reading the rows failed: .*null/);
    await expect(reader.read(records(3))).rejects.toThrow(/^reading the rows failed/);
  } finally {
    await reader.close();
  }
});

test('a small file is read on this thread; a large one on threads unless told otherwise', async () => {
  expect(rowReader(100_000, columns, undefined).threads).toBe(0);
  const large = rowReader(2 * 1024 * 1024, columns, undefined, { threads: 0 });
  expect(large.threads).toBe(0);
  expect(await large.read(records(20))).toEqual(onThisThread(records(20)));
  const small = rowReader(10, columns, undefined, { minBytes: 1 });
  try {
    expect(small.threads).toBe(Math.min(3, availableParallelism() - 1));
  } finally {
    await small.close();
  }
});
