import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { WINDOWS_ZONE_IDS, displayNameToIana, ianaZoneOf, windowsZoneToIana } from '../../../domain/schedule/timeZoneNames';

describe('ianaZoneOf', () => {
  test.each([
    // IANA names are kept as given.
    ['America/New_York', 'America/New_York', 'iana'],
    ['Asia/Calcutta', 'Asia/Calcutta', 'iana'],
    ['UTC', 'UTC', 'iana'],
    // Windows ids (the bulk API's sample; the Simple API's sample), any case and spacing.
    ['Pacific Standard Time', 'America/Los_Angeles', 'windows'],
    ['Central European Standard Time', 'Europe/Warsaw', 'windows'],
    ['  pacific STANDARD   time ', 'America/Los_Angeles', 'windows'],
    ['E. South America Standard Time', 'America/Sao_Paulo', 'windows'],
    ['Mountain Standard Time (Mexico)', 'America/Chihuahua', 'windows'],
    // The product's display names: its samples, the full label, a place, the UTC spelling.
    ['(GMT-08:00) Pacific Time', 'America/Los_Angeles', 'display'],
    ['(GMT-03:00) Brasilia', 'America/Sao_Paulo', 'display'],
    ['(GMT-08:00) Pacific Time (US & Canada)', 'America/Los_Angeles', 'display'],
    ['(GMT-08:00) Pacific Time (US and Canada)', 'America/Los_Angeles', 'display'],
    ['(UTC-05:00) Eastern Time (US & Canada)', 'America/New_York', 'display'],
    ['(GMT+05:30) Chennai, Kolkata, Mumbai, New Delhi', 'Asia/Calcutta', 'display'],
    ['(GMT+01:00) Paris', 'Europe/Paris', 'display'],
    ['(GMT+00:00) Dublin, Edinburgh, Lisbon, London', 'Europe/London', 'display'],
    ['(GMT) Coordinated Universal Time', 'Etc/UTC', 'display'],
    ['(GMT+05:45) Kathmandu', 'Asia/Katmandu', 'display'],
    ['(GMT-04:00) La Paz', 'America/La_Paz', 'display'],
    ['(GMT-07:00) La Paz', 'America/Chihuahua', 'display'],
    // Punctuation as clients retype it: a curly apostrophe, a dropped full stop.
    ['(GMT+13:00) Nuku\u2019alofa', 'Pacific/Tongatapu', 'display'],
    ['(GMT-01:00) Cabo Verde Is', 'Atlantic/Cape_Verde', 'display'],
  ])('%j is %s', (name, zone, kind) => {
    expect(ianaZoneOf(name)).toEqual({ zone, kind });
  });

  test.each([
    'Mars/Olympus',
    'America/New York',
    'Pacific Time',
    'Pacific Standard',
    'Nowhere Standard Time',
    '+05:30',
    'GMT+05:30',
    // A known label with another offset names no zone: refused, not guessed.
    '(GMT+01:00) Pacific Time',
    '(GMT-08:00) Brasilia',
    '(GMT-08:00)',
    '(GMT-08:00) Atlantis',
    // A place two zones at the same offset share would be a guess.
    '(GMT-08:00) Coordinated Universal Time',
    '',
    ' ',
    'x'.repeat(500),
  ])('%j names no zone', (name) => {
    expect(ianaZoneOf(name)).toBeUndefined();
  });

  test('every Windows id the mapping knows maps to a zone luxon accepts', () => {
    expect(WINDOWS_ZONE_IDS.length).toBeGreaterThan(100);
    fc.assert(
      fc.property(fc.constantFrom(...WINDOWS_ZONE_IDS), fc.boolean(), (id, upper) => {
        const zone = windowsZoneToIana(upper ? id.toUpperCase() : id);
        expect(zone).toBeDefined();
        expect(IANAZone.isValidZone(zone!)).toBe(true);
        // "UTC" is an IANA name too, and is kept as given.
        if (id !== 'UTC') expect(ianaZoneOf(id)).toEqual({ zone, kind: 'windows' });
      }),
      { numRuns: 500 },
    );
    // And exhaustively, so no id is left to chance.
    for (const id of WINDOWS_ZONE_IDS) expect(IANAZone.isValidZone(windowsZoneToIana(id) ?? '')).toBe(true);
  });

  test('whatever it accepts is a zone luxon accepts; whatever it refuses stays refused', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const named = ianaZoneOf(s);
        if (named) expect(IANAZone.isValidZone(named.zone)).toBe(true);
      }),
    );
  });

  test('a display name is read only with parentheses around the offset', () => {
    expect(displayNameToIana('GMT-08:00 Pacific Time')).toBeUndefined();
    expect(displayNameToIana('(GMT-8:00) Pacific Time')).toBe('America/Los_Angeles');
    expect(displayNameToIana('(GMT\u221208:00) Pacific Time')).toBe('America/Los_Angeles');
  });
});
