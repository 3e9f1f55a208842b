/** The first-generation seed endpoint names its refusals after the seed's fields, not the native ones. */
import { seedFieldPath } from '../../../api/schemas/seedVoiceDelivery';

test.each([
  ['engagementId', 'ProactiveEngagementConfigId'],
  ['contacts.0.contactId', 'ContactId'],
  ['contacts.0.phones.0.number', 'DestinationPhoneNumber'],
  ['windows.1.end', 'Windows.1.end'],
  ['inputAttributes.region', 'InputAttributes.region'],
])('%s is reported as %s', (native, seed) => {
  expect(seedFieldPath(native)).toBe(seed);
});

test.each(['contacts.1.contactId', 'engagementIds', 'trackingId', ''])('%p has no seed name and is kept', (native) => {
  expect(seedFieldPath(native)).toBe(native);
});
