/**
 * What a hostile client sends (fast-check arbitraries for test/e2e/fuzz.e2e.test.ts): any string, lone
 * surrogates and NUL, numbers as text, prototype keys, deep nesting, mutated templates, bad encodings,
 * headers and content types, broken JSON and CSV.
 */
import fc from 'fast-check';

/** Strings a hostile client sends: any code unit (lone surrogates too), NUL, dates out of range, numbers as text. */
const special = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00',
  '\ud83d\ude00',
  '\u202e',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x10',
  '9007199254740993',
  '2027-02-30T00:00:00.000Z',
  '2027-01-01T24:00:00.000Z',
  '0000-01-01T00:00:00.000Z',
  '-000001-01-01T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  "'; drop table deliveries; --",
  '%00',
  '../..',
  'null',
  'true',
  '[]',
  '{}',
);
export const text = fc.oneof(
  { weight: 4, arbitrary: special },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 190, maxLength: 6000 }) },
);
const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(0, -0, -1, 0.5, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, 2 ** 63, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE),
);
const key = fc.oneof(text, fc.constantFrom('__proto__', 'constructor', 'prototype', 'engagementId', 'contacts', 'reason', 'codes'));
const { json } = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('json'), { maxLength: 4 }),
    fc.dictionary(key, tie('json'), { maxKeys: 4 }),
  ),
}));
/** Deep nesting, beyond what a schema expects. */
const deep = fc.integer({ min: 20, max: 400 }).map((n) => JSON.parse('['.repeat(n) + ']'.repeat(n)) as unknown);

type Path = Array<string | number>;
function pathsOf(value: unknown, at: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [at];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [at, ...entries.flatMap(([k, v]) => pathsOf(v, [...at, k]))];
}
/** The template with one place replaced, removed, or given an extra member. */
function mutate(template: unknown, pick: number, how: 'replace' | 'remove' | 'add', value: unknown, extraKey: string): unknown {
  const copy = structuredClone(template);
  const paths = pathsOf(copy);
  const path = paths[pick % paths.length]!;
  if (path.length === 0) return how === 'replace' ? value : copy;
  const parent = path
    .slice(0, -1)
    .reduce<Record<string | number, unknown>>((o, k) => o[k] as Record<string | number, unknown>, copy as never);
  const last = path.at(-1)!;
  if (how === 'replace') parent[last] = value;
  else if (how === 'remove') delete parent[last];
  else if (typeof parent[last] === 'object' && parent[last] !== null && !Array.isArray(parent[last]))
    Object.defineProperty(parent[last], extraKey, { value, enumerable: true, configurable: true, writable: true });
  else parent[last] = [parent[last], value];
  return copy;
}
const mutated = (template: unknown) =>
  fc
    .tuple(fc.nat(), fc.constantFrom('replace', 'remove', 'add') as fc.Arbitrary<'replace' | 'remove' | 'add'>, json, key)
    .map(([pick, how, value, extraKey]) => mutate(template, pick, how, value, extraKey));

/** Percent-encoded UTF-8 (a lone surrogate becomes U+FFFD), or raw bytes that are not UTF-8 at all. */
export const encode = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const rawBytes = fc
  .uint8Array({ minLength: 1, maxLength: 8 })
  .map((b) => [...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).join(''));
export const segment = (...valid: Array<() => string>) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...valid).map((f) => encodeURIComponent(f())) },
    { weight: 3, arbitrary: text.filter((s) => s !== '').map(encode) },
    { weight: 1, arbitrary: rawBytes },
  );
const queryValue = (valid: string[]) =>
  fc.oneof(
    { weight: 2, arbitrary: (valid.length ? fc.constantFrom(...valid) : text).map(encode) },
    { weight: 3, arbitrary: text.map(encode) },
    { weight: 1, arbitrary: number.map((n) => encode(String(n))) },
    { weight: 1, arbitrary: rawBytes },
  );
export function query(known: Record<string, string[]>) {
  const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...Object.keys(known), 'x') }, { weight: 1, arbitrary: text });
  return fc
    .array(
      name.chain((n) => queryValue(Object.hasOwn(known, n) ? known[n]! : []).map((v) => `${encode(n)}=${v}`)),
      { maxLength: 4 },
    )
    .map((pairs) => (pairs.length ? `?${pairs.join('&')}` : ''));
}

const headerValue = fc.oneof(
  fc.constant(''),
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 250, maxLength: 5000 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const authorization = fc.oneof(
  { weight: 8, arbitrary: fc.constant<'admin' | undefined | string>('admin') },
  { weight: 2, arbitrary: fc.constantFrom('integration', 'supervisor', 'agent') },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: headerValue.map((v) => `raw:${v}`) },
);
const contentType = (preferred: string) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(preferred) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'application/json; charset=latin1',
        'text/csv',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'a/b/c',
        '',
      ),
    },
    { weight: 1, arbitrary: headerValue },
  );
export const headers = (preferredType: string) =>
  fc.record(
    {
      authorization,
      contentType: contentType(preferredType),
      idempotencyKey: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: headerValue }),
      requestId: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: headerValue }),
    },
    { requiredKeys: ['authorization', 'contentType'] },
  );

export const jsonBody = (template: unknown) =>
  fc.oneof(
    { weight: 6, arbitrary: mutated(template).map((v) => JSON.stringify(v) ?? '') },
    { weight: 3, arbitrary: json.map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: deep.map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.oneof(text, fc.constantFrom('{', '{"a":', '[1,]', '\u0000', 'undefined')) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
/** A CSV upload: rows of hostile cells under the expected header or none, JSON, or no body; `windowStart` is a valid cell. */
export const csvBody = (windowStart: string) => {
  const csvCell = fc.oneof(text, fc.constantFrom('+15550900002', 'fz-csv-2', windowStart, '"', '""', '\n', '\r\n', ','));
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .array(fc.array(csvCell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 })
        .map((rows) => ['UniqueIdentifier,MobilePhoneNumber,WindowStart,WindowEnd,Note', ...rows.map((r) => r.join(','))].join('\n')),
    },
    {
      weight: 2,
      arbitrary: fc.array(fc.array(csvCell, { maxLength: 6 }), { maxLength: 4 }).map((rows) => rows.map((r) => r.join(',')).join('\n')),
    },
    { weight: 1, arbitrary: json.map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
};
