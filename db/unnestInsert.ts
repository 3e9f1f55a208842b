import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from './schema';

/**
 * Many rows in one INSERT … SELECT FROM unnest($1::t1[], $2::t2[], …): one parameter per column
 * whatever the number of rows, so the statement stays short (no 65,535-parameter limit, little for
 * the query builder and the server's parser to do) and a batch costs one round trip per table.
 * Column types are read once per table from the catalogue, so nothing here re-declares the schema.
 */
type Table = keyof Database & string;

/** By table: migrations fix the types, and a process never sees them change under it. */
const tables = new Map<string, Promise<Map<string, string>>>();

function typesOf(db: Kysely<Database> | Transaction<Database>, table: Table): Promise<Map<string, string>> {
  let types = tables.get(table);
  if (!types) {
    types = sql<{ name: string; type: string }>`
      select attname as name, format_type(atttypid, atttypmod) as type
      from pg_attribute where attrelid = ${table}::regclass and attnum > 0 and not attisdropped`
      .execute(db)
      .then(({ rows }) => new Map(rows.map((r) => [r.name, r.type])));
    types.catch(() => tables.delete(table)); // a failed look-up is tried again next time
    tables.set(table, types);
  }
  return types;
}

/**
 * Inserts `rows` (all with the same columns; undefined is stored as null) into `table` in one statement;
 * `onConflict` (an `on conflict …` clause) turns it into an upsert.
 */
export async function insertUnnested<T extends Table>(
  trx: Transaction<Database>,
  table: T,
  rows: ReadonlyArray<Record<string, unknown>>,
  onConflict: RawBuilder<unknown> = sql``,
): Promise<void> {
  if (rows.length === 0) return;
  const types = await typesOf(trx, table);
  const columns = Object.keys(rows[0]!);
  const arrays = columns.map((column) => {
    const type = types.get(column);
    if (!type) throw new Error(`${table} has no column ${column}`);
    const values = rows.map((r) => {
      const v = r[column];
      return v === undefined ? null : v;
    });
    return sql`${values}::${sql.raw(type)}[]`;
  });
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)}) ${onConflict}`.execute(
    trx,
  );
}
