import { createReadStream } from 'node:fs';
import { parse, type Info } from 'csv-parse';

export interface CsvRecord {
  fields: string[];
  /** Physical line where the record starts (a quoted field may span lines); header = 1. */
  line: number;
}

/** A file that is not CSV past some line (an unclosed quote, text after a closing quote, a record over 64 KB). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

const MAX_RECORD_BYTES = 64 * 1024;
const NEWLINES = /\r\n|\n|\r/g;
const BREAK_CHARACTERS = /[\r\n]/g;

/**
 * The records of a CSV file, streamed (memory stays bounded by one record). Empty lines are skipped;
 * a byte-order mark is dropped; rows may have any number of fields (the caller checks them).
 */
export async function* csvRecords(file: string): AsyncGenerator<CsvRecord> {
  const parser = createReadStream(file).pipe(
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES }),
  );
  // csv-parse counts a CRLF inside a quoted field as two lines (one outside): its count drifts by one per such CRLF.
  let drift = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      // info.lines is the line the record ends on (as the parser counts); count back over the breaks inside its fields.
      const counted = record.reduce((n, field) => n + (field.match(BREAK_CHARACTERS)?.length ?? 0), 0);
      const real = record.reduce((n, field) => n + (field.match(NEWLINES)?.length ?? 0), 0);
      yield { fields: record, line: info.lines - counted - drift };
      drift += counted - real;
    }
  } catch (err) {
    const e = err as { code?: string; lines?: number; message: string };
    if (e.code?.startsWith('CSV_')) throw new CsvSyntaxError(e.lines, e.message);
    throw err;
  } finally {
    parser.destroy();
  }
}

/** The header record, or undefined for a file without any record. */
export async function readCsvHeader(file: string): Promise<string[] | undefined> {
  for await (const record of csvRecords(file)) return record.fields;
  return undefined;
}
