/**
 * Time zones as the product's integrations send them, read into the IANA name the schedule runs in.
 * Three spellings arrive: IANA names ("America/Los_Angeles"), Windows zone ids ("Pacific Standard
 * Time", the bulk API's sample) and the product's display names ("(GMT-08:00) Pacific Time", the
 * contact API's samples). Windows ids go through CLDR's windowsZones as shipped by the windows-iana
 * package, so the mapping is maintained upstream rather than here. Every API schema and the CSV
 * reader call ianaZoneOf: one verdict for every door a zone comes in by.
 */
import { WINDOWS_TO_IANA_MAP, findIana } from 'windows-iana';
import { isValidTimeZone } from './timeZones';
import { ZONE_DISPLAY_NAMES } from './zoneDisplayNames';

/** What an accepted zone looks like, for refusals ("TimeZone ... is not <this>"). */
export const TIME_ZONE_NAME_EXPECTED =
  'an IANA time zone such as America/New_York, a Windows zone id such as "Pacific Standard Time" or a display name such as "(GMT-08:00) Pacific Time"';

export type ZoneNameKind = 'iana' | 'windows' | 'display';

export interface ZoneName {
  /** The IANA name to store and schedule in. */
  zone: string;
  /** Which spelling the caller used. */
  kind: ZoneNameKind;
}

/** Longer inputs are refused without matching: no zone spelling comes close. */
const MAX_NAME_LENGTH = 120;

/** Windows ids compared without regard to case or repeated spaces, as clients type them. */
function windowsKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

const WINDOWS_IDS: ReadonlyMap<string, string> = new Map(WINDOWS_TO_IANA_MAP.map((e) => [windowsKey(e.windowsName), e.windowsName]));

/** Every Windows zone id the mapping knows, as Windows spells it. */
export const WINDOWS_ZONE_IDS: readonly string[] = [...new Set(WINDOWS_TO_IANA_MAP.map((e) => e.windowsName))];

/**
 * The IANA zone of a Windows zone id: CLDR's zone for the id's "001" territory (the one Windows
 * itself treats as the id's zone), else the first zone of the id the runtime knows.
 */
export function windowsZoneToIana(windowsId: string): string | undefined {
  const id = WINDOWS_IDS.get(windowsKey(windowsId));
  if (id === undefined) return undefined;
  return [...findIana(id, '001'), ...findIana(id)].find(isValidTimeZone);
}

/** "(GMT-08:00) Pacific Time", "(UTC+05:30) Chennai", "(GMT) Casablanca". */
const DISPLAY_NAME = /^\(\s*(?:GMT|UTC)\s*(?:([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?)?\s*\)\s*(\S.*)$/i;

function offsetKey(sign: string | undefined, hours: string | undefined, minutes: string | undefined): string {
  if (hours === undefined || (Number(hours) === 0 && Number(minutes ?? 0) === 0)) return '+00:00';
  return `${sign === '+' ? '+' : '-'}${hours.padStart(2, '0')}:${minutes ?? '00'}`;
}

/** Labels compared without case, punctuation noise or "&" versus "and". */
function labelKey(label: string): string {
  return label
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\./g, '')
    .replace(/\u2019/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What a display label may be shortened to: the whole label, the label without its parenthesised
 * qualifier ("Pacific Time" for "Pacific Time (US & Canada)"), or one of its places ("Paris").
 */
function labelForms(label: string): string[] {
  const bare = label.replace(/\s*\([^)]*\)/g, '');
  return [label, bare, ...bare.split(',')].map(labelKey).filter((f) => f !== '');
}

/** offset|label form -> the Windows ids it could name; only forms naming one id are accepted. */
const DISPLAY_INDEX: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const index = new Map<string, Set<string>>();
  for (const [windowsId, offset, label] of ZONE_DISPLAY_NAMES)
    for (const form of labelForms(label)) {
      const key = `${offset}|${form}`;
      const ids = index.get(key) ?? new Set<string>();
      ids.add(windowsId);
      index.set(key, ids);
    }
  return index;
})();

/**
 * The IANA zone of a product display name. The offset must be the one the product shows for the
 * zone: "(GMT+01:00) Pacific Time" names no zone and is refused rather than guessed.
 */
export function displayNameToIana(displayName: string): string | undefined {
  const m = DISPLAY_NAME.exec(displayName.trim());
  if (!m) return undefined;
  const ids = DISPLAY_INDEX.get(`${offsetKey(m[1], m[2], m[3])}|${labelKey(m[4]!)}`);
  if (ids?.size !== 1) return undefined;
  return windowsZoneToIana([...ids][0]!);
}

/**
 * The IANA zone a time-zone field names, and how it was spelled; undefined when it names none.
 * IANA names are kept as given (isValidTimeZone's rules); the other spellings become the IANA name.
 */
export function ianaZoneOf(name: string): ZoneName | undefined {
  if (typeof name !== 'string' || name.length > MAX_NAME_LENGTH) return undefined;
  if (isValidTimeZone(name)) return { zone: name, kind: 'iana' };
  const windows = windowsZoneToIana(name);
  if (windows !== undefined) return { zone: windows, kind: 'windows' };
  const display = displayNameToIana(name);
  if (display !== undefined) return { zone: display, kind: 'display' };
  return undefined;
}
