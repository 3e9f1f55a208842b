/**
 * The limits of one bulk request (the product's CCaaS_CreateProactiveBulkDelivery and its V2): the
 * product documents "about 15,000 records per request"; we take a margin above that and refuse more
 * with a 413 rather than hold an unbounded body.
 */
export const MAX_BULK_RECORDS = 20_000;

/** The body of one bulk request at most: 20,000 records of ~400 bytes, escaped inside a JSON string. */
export const MAX_BULK_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Records validated, turned into deliveries and written per multi-row insert. Bounds what is held
 * besides the parsed request: one chunk of deliveries, never all of them.
 */
export const BULK_STORE_CHUNK = 500;

export function tooManyRecordsMessage(): string {
  return `at most ${MAX_BULK_RECORDS} records in one request`;
}
