import { ApiFailure, session } from '../api';

/** Saves a file the browser holds (built here, or read with the key): a link with `download`, clicked once. */
export function saveFile(name: string, body: Blob): void {
  const url = URL.createObjectURL(body);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Downloads an API resource (an export): the API takes the key only as a bearer header, so a plain
 * link cannot carry it; the file is read with the key and saved under the name the API gives.
 */
export async function downloadFromApi(path: string, fallbackName: string): Promise<void> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${session.key() ?? ''}` } });
  if (!res.ok) throw new ApiFailure(res.status, 'http_error', `${res.status} ${res.statusText}`);
  const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  saveFile(name, await res.blob());
}

/** A CSV text from rows: every cell quoted, inner quotes doubled (RFC 4180). */
export function toCsv(header: string[], rows: Array<Array<string | number>>): string {
  const cell = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
