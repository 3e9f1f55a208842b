import { IANAZone } from 'luxon';
import { findIana } from 'windows-iana';
import { WINDOWS_ZONE_IDS, displayNameToIana, windowsZoneToIana } from '../../../domain/schedule/timeZoneNames';
import { ZONE_DISPLAY_NAMES } from '../../../domain/schedule/zoneDisplayNames';

/** A zone's base (non-daylight) offset in a year, as the product writes it: "+05:30", "-03:00". */
function baseOffset(zone: string, year: number): string {
  const z = IANAZone.create(zone);
  const minutes = Math.min(z.offset(Date.UTC(year, 0, 15)), z.offset(Date.UTC(year, 6, 15)));
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

describe('the product display names', () => {
  test('name every Windows zone of the mapping once, and no other', () => {
    const ids = ZONE_DISPLAY_NAMES.map(([id]) => id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...WINDOWS_ZONE_IDS].sort());
  });

  test.each(ZONE_DISPLAY_NAMES.map((e) => [...e]))('%s: (GMT%s) %s shows the offset of one of its zones', (id, offset) => {
    // Windows shows the offset of the id's zones today; a country that moved (Mexico 2022) keeps
    // zones of both offsets under one id, so one of them must match.
    const offsets = findIana(id)
      .filter((z) => IANAZone.isValidZone(z))
      .map((z) => baseOffset(z, 2026));
    expect(offsets).toContain(offset);
  });

  test.each(ZONE_DISPLAY_NAMES.map((e) => [...e]))('%s: its full display name reads as the id', (id, offset, label) => {
    expect(displayNameToIana(`(GMT${offset}) ${label}`)).toBe(windowsZoneToIana(id));
  });
});
