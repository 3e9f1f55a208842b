import { CHANNEL_RESULTS, followsUpBySms, reachablePhoneTypes } from '../../../domain/delivery/channelRules';
import { type Channel, SMS_RESULTS, VOICE_RESULTS } from '../../../domain/delivery/deliveryStatus';
import type { PhoneTypeSchedule } from '../../../domain/engagement';

const schedule = [
  { type: 'home' as const, quietHours: [] },
  { type: 'mobile' as const, quietHours: [] },
];

test.each<[Channel, PhoneTypeSchedule[], string[]]>([
  ['voice', schedule, ['home', 'mobile']],
  ['sms', schedule, ['mobile']],
  ['sms', [{ type: 'business', quietHours: [] }], ['mobile']],
  ['voice', [], []],
])('%s over %j reaches %j', (channel, s, expected) => {
  expect(reachablePhoneTypes(channel, s)).toEqual(expected);
});

test('each channel ends with its own result names, all of them seed-002 results', () => {
  expect(CHANNEL_RESULTS).toEqual({
    voice: { reached: 'CallEnded', unreached: 'CallFailed' },
    sms: { reached: 'MessageSent', unreached: 'MessageFailed' },
  });
  expect(VOICE_RESULTS).toEqual(expect.arrayContaining(Object.values(CHANNEL_RESULTS.voice)));
  expect(SMS_RESULTS).toEqual(expect.arrayContaining(Object.values(CHANNEL_RESULTS.sms)));
});

test.each([
  ['voice', 'sms-eng', true],
  ['voice', undefined, false],
  ['voice', '', false],
  ['sms', 'sms-eng', false],
] as const)('a %s delivery with follow-up engagement %j is followed up by SMS: %s', (channel, id, expected) => {
  expect(followsUpBySms(channel, id)).toBe(expected);
});
