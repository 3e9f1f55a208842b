import { WINDOW_TIMESTAMP_FORMAT, isWindowTimestamp, type WindowInput } from '../delivery/windowInputs';
import { DELIVERY_FIELD_MAX as MAX, tooLongMessage } from '../delivery/deliveryLimits';
import type { ChainContact, ContactPhone } from '../delivery/deliveryPlan';
import { normalisePhoneNumber, phoneCountry } from '../phoneNumbers';
import { TIME_ZONE_NAME_EXPECTED, ianaZoneOf } from '../schedule/timeZoneNames';
import { UNSTORABLE_TEXT_MESSAGE, isStorableText } from '../text';
import { chainDuplicates } from '../delivery/chainDuplicates';
import { type IntakeColumns, NAMED_COLUMNS, type NamedField, PHONE_COLUMNS } from './columns';

/** One accepted CSV row: a contact of a chain, and what it brings to its delivery. */
export interface IntakeRow {
  /** Physical line of the row's first character in the file (header = 1). */
  line: number;
  /** Rows sharing it form one delivery's chain; absent: a delivery of its own. */
  chainId?: string;
  contact: ChainContact;
  firstName?: string;
  lastName?: string;
  /** Non-empty pass-through cells, by column name. */
  passThrough: Record<string, string>;
  /** Kept verbatim: an unusable value falls back to first-in-first-out when dispatch orders by it. */
  priority?: string;
  window?: WindowInput;
}

export type RowResult = { ok: true; row: IntakeRow } | { ok: false; reason: string };

/** Each named column's limit is that of the delivery field it fills (the API refuses the same lengths). */
const LIMITS: Partial<Record<NamedField, number>> = {
  uniqueIdentifier: MAX.identifier,
  chainId: MAX.identifier,
  firstName: MAX.identifier,
  lastName: MAX.identifier,
  country: MAX.country,
  state: MAX.state,
  postalCode: MAX.postalCode,
  priority: MAX.customPriority,
};
const MAX_VALUE = MAX.attributeValue;

const columnName = (field: NamedField) => Object.entries(NAMED_COLUMNS).find(([, f]) => f === field)![0];

/** The column at a field index, for row errors: its canonical name, or its header name if it passes through. */
function headerName(columns: IntakeColumns, index: number): string {
  const named = (Object.entries(columns.named) as Array<[NamedField, number]>).find(([, i]) => i === index);
  return named ? columnName(named[0]) : (columns.passThrough.find((p) => p.index === index)?.name ?? `column ${index + 1}`);
}

/**
 * Validates one data row against the header. Every problem of the row is reported at once, by column.
 * Cells are kept verbatim (formulas, SQL-looking text): only phone numbers are rewritten, to E.164.
 * A national-format number uses the row's Country (ISO alpha-2) or else the upload's default country.
 */
export function readRow(fields: string[], line: number, columns: IntakeColumns, defaultCountry?: string): RowResult {
  if (fields.length !== columns.count) return { ok: false, reason: `the row has ${fields.length} fields, the header has ${columns.count}` };
  const cell = (field: NamedField): string | undefined => {
    const index = columns.named[field];
    const value = index === undefined ? undefined : fields[index]!.trim();
    return value ? value : undefined;
  };
  // Alone, and before any check that quotes a cell: the reason is stored, so it must not carry the character.
  const unstorable = fields.flatMap((value, index) =>
    isStorableText(value) ? [] : [`${headerName(columns, index)} ${UNSTORABLE_TEXT_MESSAGE}`],
  );
  if (unstorable.length > 0) return { ok: false, reason: unstorable.join('; ') };
  const problems: string[] = [];
  for (const [field, max] of Object.entries(LIMITS) as Array<[NamedField, number]>) {
    if ((cell(field)?.length ?? 0) > max) problems.push(`${columnName(field)} ${tooLongMessage(max)}`);
  }

  const uniqueIdentifier = cell('uniqueIdentifier');
  if (!uniqueIdentifier) problems.push('UniqueIdentifier is empty');

  const country = cell('country');
  const region = phoneCountry(country) ?? phoneCountry(defaultCountry);
  const phones: ContactPhone[] = [];
  let badPhone = false;
  for (const { column, type } of PHONE_COLUMNS) {
    const raw = cell(NAMED_COLUMNS[column]);
    if (!raw) continue;
    const number = normalisePhoneNumber(raw, region);
    if (number) phones.push({ type, number });
    else {
      badPhone = true;
      problems.push(
        `${column} "${raw.slice(0, 40)}" is not a possible phone number${region ? ` (default country ${region})` : ' in international form (+<country code><number>)'}`,
      );
    }
  }
  const sameNumber = chainDuplicates([{ contactId: '', phones }])[0];
  if (sameNumber?.phone !== undefined) {
    const repeated = phones[sameNumber.phone]!;
    const column = PHONE_COLUMNS.find((p) => p.type === repeated.type)!.column;
    problems.push(`${column} ${repeated.number} is also in another phone column`);
  }
  if (phones.length === 0 && !badPhone)
    problems.push('no phone number: MobilePhoneNumber, BusinessPhoneNumber or HomePhoneNumber is needed');

  const zoneCell = cell('timeZone');
  const timeZone = zoneCell ? ianaZoneOf(zoneCell)?.zone : undefined;
  if (zoneCell && !timeZone) problems.push(`TimeZone "${zoneCell.slice(0, 40)}" is not ${TIME_ZONE_NAME_EXPECTED}`);

  const windowStart = cell('windowStart');
  const windowEnd = cell('windowEnd');
  let window: WindowInput | undefined;
  if (windowStart || windowEnd) {
    if (!windowStart || !windowEnd) problems.push('WindowStart and WindowEnd are both given or both empty');
    else if (!isWindowTimestamp(windowStart) || !isWindowTimestamp(windowEnd))
      problems.push(`WindowStart and WindowEnd must be real UTC instants in the form ${WINDOW_TIMESTAMP_FORMAT}`);
    else if (Date.parse(windowEnd) <= Date.parse(windowStart)) problems.push('WindowEnd must be after WindowStart');
    else window = { start: windowStart, end: windowEnd };
  }

  const passThrough: Record<string, string> = {};
  for (const { name, index } of columns.passThrough) {
    const value = fields[index]!;
    if (value.length > MAX_VALUE) problems.push(`${name} ${tooLongMessage(MAX_VALUE)}`);
    else if (value.trim() !== '') passThrough[name] = value;
  }

  if (problems.length > 0) return { ok: false, reason: problems.join('; ') };
  const state = cell('state');
  const postalCode = cell('postalCode');
  return {
    ok: true,
    row: {
      line,
      chainId: cell('chainId'),
      contact: {
        contactId: uniqueIdentifier!,
        ...(timeZone ? { timeZone } : {}),
        phones,
        ...(country ? { country } : {}),
        ...(state ? { state } : {}),
        ...(postalCode ? { postalCode } : {}),
      },
      firstName: cell('firstName'),
      lastName: cell('lastName'),
      passThrough,
      priority: cell('priority'),
      window,
    },
  };
}
