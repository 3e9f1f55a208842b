import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { IntakeRow } from '../../domain/csvIntake/rows';

/**
 * The rows the first pass accepted, one JSON line each, beside the spooled CSV: the second pass reads
 * them back instead of parsing and validating the CSV again (phone numbers are the costly part).
 * Streamed both ways, so memory stays bounded by one row (plus the stream buffers).
 */
export function validatedRowsPath(csvFile: string): string {
  return `${csvFile}.rows.ndjson`;
}

export class ValidatedRowsWriter {
  private readonly out: WriteStream;

  constructor(readonly path: string) {
    this.out = createWriteStream(path, { mode: 0o600 });
  }

  /** Resolves at once unless the file's buffer is full (then once it drained). */
  write(row: IntakeRow): Promise<void> | undefined {
    return this.out.write(`${JSON.stringify(row)}\n`) ? undefined : once(this.out, 'drain').then(() => undefined);
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}

export async function* readValidatedRows(path: string): AsyncGenerator<IntakeRow> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line) yield JSON.parse(line) as IntakeRow;
  } finally {
    lines.close();
    input.destroy();
  }
}

export function removeValidatedRows(path: string): Promise<void> {
  return rm(path, { force: true });
}
