import { DELIVERY_FIELD_MAX, MAX_INPUT_ATTRIBUTES } from '../delivery/deliveryLimits';
import type { PhoneType } from '../phoneTypes';
import { UNSTORABLE_TEXT_MESSAGE, isReservedKey, isStorableText, reservedKeyMessage } from '../text';

/**
 * The columns of an intake CSV (seed 001 "File upload"). Named columns are matched case-insensitively;
 * every other column passes through to the delivery as an input attribute.
 */
export const NAMED_COLUMNS = {
  UniqueIdentifier: 'uniqueIdentifier',
  MobilePhoneNumber: 'mobile',
  BusinessPhoneNumber: 'business',
  HomePhoneNumber: 'home',
  ID: 'chainId',
  Priority: 'priority',
  FirstName: 'firstName',
  LastName: 'lastName',
  Country: 'country',
  CountryCode: 'country',
  State: 'state',
  PostalCode: 'postalCode',
  TimeZone: 'timeZone',
  WindowStart: 'windowStart',
  WindowEnd: 'windowEnd',
} as const;

export type NamedField = (typeof NAMED_COLUMNS)[keyof typeof NAMED_COLUMNS];

export const PHONE_COLUMNS: ReadonlyArray<{ column: keyof typeof NAMED_COLUMNS; type: PhoneType }> = [
  { column: 'MobilePhoneNumber', type: 'mobile' },
  { column: 'BusinessPhoneNumber', type: 'business' },
  { column: 'HomePhoneNumber', type: 'home' },
];

/** A delivery's input attributes, less one for Priority. */
export const MAX_PASS_THROUGH_COLUMNS = MAX_INPUT_ATTRIBUTES - 1;
/** A pass-through column's name becomes an attribute name. */
const MAX_COLUMN_NAME = DELIVERY_FIELD_MAX.attributeName;

export interface IntakeColumns {
  /** Field index of each named column present. */
  named: Partial<Record<NamedField, number>>;
  /** Pass-through columns: their header name and field index. */
  passThrough: Array<{ name: string; index: number }>;
  count: number;
}

export type HeaderResult = { ok: true; columns: IntakeColumns } | { ok: false; problems: Array<{ column: string; message: string }> };

const byLowerName = new Map(Object.entries(NAMED_COLUMNS).map(([name, field]) => [name.toLowerCase(), { name, field }]));

/** Reads the header line: the required columns, each column once, a bounded number of pass-through columns. */
export function readHeader(header: string[]): HeaderResult {
  const problems: Array<{ column: string; message: string }> = [];
  const named: Partial<Record<NamedField, number>> = {};
  const passThrough: Array<{ name: string; index: number }> = [];
  const seen = new Set<string>();
  header.forEach((raw, index) => {
    const name = raw.trim();
    const lower = name.toLowerCase();
    if (!name) return problems.push({ column: `#${index + 1}`, message: `column ${index + 1} has no name` });
    if (name.length > MAX_COLUMN_NAME)
      return problems.push({
        column: name.slice(0, 40),
        message: `column ${index + 1}: a column name has at most ${MAX_COLUMN_NAME} characters`,
      });
    if (!isStorableText(name))
      return problems.push({ column: `#${index + 1}`, message: `column ${index + 1}: the name ${UNSTORABLE_TEXT_MESSAGE}` });
    if (isReservedKey(name)) return problems.push({ column: name, message: `column ${index + 1}: ${reservedKeyMessage(name)}` });
    const knownName = byLowerName.get(lower);
    const key = knownName ? knownName.field : lower;
    if (seen.has(key)) return problems.push({ column: name, message: `column "${name}" appears more than once` });
    seen.add(key);
    if (knownName) named[knownName.field] = index;
    else passThrough.push({ name, index });
  });
  if (named.uniqueIdentifier === undefined)
    problems.push({ column: 'UniqueIdentifier', message: 'the required column UniqueIdentifier is missing' });
  if (PHONE_COLUMNS.every((p) => named[NAMED_COLUMNS[p.column]] === undefined)) {
    problems.push({
      column: 'MobilePhoneNumber',
      message: 'at least one of the columns MobilePhoneNumber, BusinessPhoneNumber, HomePhoneNumber is required',
    });
  }
  if ((named.windowStart === undefined) !== (named.windowEnd === undefined)) {
    problems.push({
      column: named.windowStart === undefined ? 'WindowStart' : 'WindowEnd',
      message: 'WindowStart and WindowEnd come together',
    });
  }
  if (passThrough.length > MAX_PASS_THROUGH_COLUMNS)
    problems.push({
      column: passThrough[MAX_PASS_THROUGH_COLUMNS]!.name,
      message: `at most ${MAX_PASS_THROUGH_COLUMNS} pass-through columns`,
    });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, columns: { named, passThrough, count: header.length } };
}
