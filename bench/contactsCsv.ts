/**
 * The benches' generated contact lists: a CSV in the upload format (one row a number), and its upload
 * over HTTP, streamed from the file.
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import http from 'node:http';
import { once } from 'node:events';

export interface ContactsCsvOptions {
  /** Every 4th group of 3 rows shares a household id, so its 3 numbers are one delivery's chain (default true). */
  households?: boolean;
  /** Every n-th row gets an impossible number (default 100; 0: none). */
  badEvery?: number;
  /** The deliveries' window (default: a day ahead, for a day, so nothing is dialled). */
  window?: { start: Date; end: Date };
}

/** Rows in households of 3 (every 4th group), a bad phone every 100th row, a formula now and then. */
export async function writeContactsCsv(
  file: string,
  rows: number,
  options: ContactsCsvOptions = {},
): Promise<{ bad: number; chained: number }> {
  const households = options.households ?? true;
  const badEvery = options.badEvery ?? 100;
  const start = (options.window?.start ?? new Date(Date.now() + 24 * 3600_000)).toISOString();
  const end = (options.window?.end ?? new Date(Date.now() + 48 * 3600_000)).toISOString();
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? undefined : once(out, 'drain'));
  await write('UniqueIdentifier,MobilePhoneNumber,ID,Priority,WindowStart,WindowEnd,Order\n');
  let bad = 0;
  let chained = 0;
  for (let i = 0; i < rows; i++) {
    const household = households && Math.floor(i / 3) % 4 === 0 ? `h${Math.floor(i / 3)}` : '';
    if (household) chained += 1;
    const isBad = badEvery > 0 && i % badEvery === badEvery - 1;
    const phone = isBad ? '+1555' : `+1555${String(1_000_000 + i).slice(-7)}`;
    if (isBad) bad += 1;
    const order = i % 1000 === 7 ? '=SUM(A1:A2)' : `o${i}`;
    await write(`c${i},${phone},${household},${i % 10},${start},${end},${order}\n`);
  }
  out.end();
  await once(out, 'finish');
  return { bad, chained };
}

/** POSTs the file as text/csv with the key; answers the status and body. */
export function uploadCsv(url: string, file: string, key: string): Promise<{ status: number; body: string }> {
  return postFile(url, file, key, 'text/csv');
}

/** POSTs a file's bytes, streamed, as `contentType` with the key; answers the status and body. */
export function postFile(url: string, file: string, key: string, contentType: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': contentType, 'Content-Length': statSync(file).size } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}
