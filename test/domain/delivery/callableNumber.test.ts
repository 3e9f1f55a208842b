import { type CallableRules, isCallableAt, quietHoursOf } from '../../../domain/delivery/callableNumber';

const window = { start: new Date('2026-03-02T00:00:00.000Z'), end: new Date('2026-03-03T00:00:00.000Z') };
const rules = (excluded: string[] = []): CallableRules => ({
  windows: [window],
  quietHours: quietHoursOf([
    { type: 'mobile', quietHours: [{ start: '21:00', end: '08:00' }] },
    { type: 'home', quietHours: [] },
  ]),
  timeZoneMode: 'contact',
  excludedNumberIds: excluded,
});
const ny = { numberId: '0:mobile', contactId: 'c', phoneType: 'mobile' as const, contactZone: 'America/New_York' };
const home = { ...ny, numberId: '0:home', phoneType: 'home' as const };

test.each([
  ['inside the window, New York daytime', rules(), ny, '2026-03-02T15:00:00.000Z', true],
  ['New York 07:59, quiet hours', rules(), ny, '2026-03-02T12:59:00.000Z', false],
  ['New York 08:00, quiet hours over', rules(), ny, '2026-03-02T13:00:00.000Z', true],
  ['utc mode: 12:59 UTC is outside quiet hours', { ...rules(), timeZoneMode: 'utc' as const }, ny, '2026-03-02T12:59:00.000Z', true],
  ['before the window', rules(), ny, '2026-03-01T15:00:00.000Z', false],
  ['at the window end (half-open)', rules(), { ...ny, contactZone: 'UTC' }, '2026-03-03T00:00:00.000Z', false],
  ['found invalid', rules(['0:mobile']), ny, '2026-03-02T15:00:00.000Z', false],
  ['a phone type with no quiet hours, at night', rules(), home, '2026-03-02T05:00:00.000Z', true],
])('%s: %s', (_name, r, number, at, expected) => {
  expect(isCallableAt(r, number, new Date(at))).toBe(expected);
});
