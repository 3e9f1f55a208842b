import { UTC_ZONE, isValidTimeZone, resolveZone } from '../../../domain/schedule';
import { resolveZoneWithReason } from '../../../domain/schedule/timeZones';

describe('isValidTimeZone', () => {
  it.each([
    'America/New_York',
    'Europe/London',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'UTC',
    'Etc/GMT+5',
    'America/Argentina/Buenos_Aires',
  ])('accepts %s', (name) => expect(isValidTimeZone(name)).toBe(true));

  it.each(['', ' ', 'Mars/Olympus_Mons', 'America/Nowhere', '+05:30', 'GMT+05:30', 'America/New York', '/UTC', 'UTC/'])(
    'refuses %p',
    (name) => expect(isValidTimeZone(name)).toBe(false),
  );

  it('refuses non-strings without throwing', () => {
    expect(isValidTimeZone(undefined as unknown as string)).toBe(false);
    expect(isValidTimeZone(42 as unknown as string)).toBe(false);
  });
});

describe('resolveZone', () => {
  it("uses the contact's zone in 'contact' mode", () => {
    expect(resolveZone('America/New_York', 'contact')).toBe('America/New_York');
    expect(resolveZone('  Asia/Kolkata ', 'contact')).toBe('Asia/Kolkata');
  });

  it("falls back to UTC for a contact without zone in 'contact' mode", () => {
    expect(resolveZone(undefined, 'contact')).toBe(UTC_ZONE);
    expect(resolveZone(null, 'contact')).toBe(UTC_ZONE);
    expect(resolveZone('', 'contact')).toBe(UTC_ZONE);
  });

  it('falls back to UTC for an invalid zone name', () => {
    expect(resolveZone('Mars/Olympus_Mons', 'contact')).toBe(UTC_ZONE);
    expect(resolveZone('+05:30', 'contact')).toBe(UTC_ZONE);
  });

  it("ignores the contact's zone in 'utc' mode", () => {
    expect(resolveZone('America/New_York', 'utc')).toBe(UTC_ZONE);
    expect(resolveZone(undefined, 'utc')).toBe(UTC_ZONE);
  });
});

describe('resolveZoneWithReason', () => {
  it.each([
    ['America/New_York', 'contact', { zone: 'America/New_York', reason: 'contact-zone' }],
    ['  Asia/Kolkata ', 'contact', { zone: 'Asia/Kolkata', reason: 'contact-zone' }],
    [undefined, 'contact', { zone: UTC_ZONE, reason: 'no-zone' }],
    [null, 'contact', { zone: UTC_ZONE, reason: 'no-zone' }],
    ['', 'contact', { zone: UTC_ZONE, reason: 'no-zone' }],
    ['   ', 'contact', { zone: UTC_ZONE, reason: 'no-zone' }],
    ['Mars/Olympus_Mons', 'contact', { zone: UTC_ZONE, reason: 'invalid-zone' }],
    ['+05:30', 'contact', { zone: UTC_ZONE, reason: 'invalid-zone' }],
    ['America/New_York', 'utc', { zone: UTC_ZONE, reason: 'utc-mode' }],
    ['Mars/Olympus_Mons', 'utc', { zone: UTC_ZONE, reason: 'utc-mode' }],
  ] as const)('%p in %s mode → %j', (zone, mode, expected) => {
    expect(resolveZoneWithReason(zone, mode)).toEqual(expected);
    expect(resolveZone(zone, mode)).toBe(expected.zone);
  });

  it('is deterministic: the same invalid zone resolves the same way every time', () => {
    const runs = Array.from({ length: 3 }, () => resolveZoneWithReason('America/Nowhere', 'contact'));
    expect(runs).toEqual(Array(3).fill({ zone: UTC_ZONE, reason: 'invalid-zone' }));
  });
});
