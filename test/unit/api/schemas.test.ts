import { deliveryRequestSchema } from '../../../api/schemas/deliveryRequest';
import { engagementCreateSchema } from '../../../api/schemas/engagement';
import { seedVoiceDeliverySchema } from '../../../api/schemas/seedVoiceDelivery';

describe('seed-compatible voice delivery schema', () => {
  const base = { ProactiveEngagementConfigId: 'cbbac510-3e66-ef11-a671-6045bd03d9d8', DestinationPhoneNumber: '+12125550100', ContactId: '761e062f' };
  const windows = [
    { Start: '2024-09-10T13:00:00.000Z', End: '2024-09-10T15:59:59.999Z' },
    { Start: '2024-09-11T13:00:00.000Z', End: '2024-09-11T15:59:59.999Z' },
  ];

  test('Windows as an array or as a JSON string parse the same', () => {
    const asArray = seedVoiceDeliverySchema.parse({ ...base, Windows: windows });
    const asString = seedVoiceDeliverySchema.parse({ ...base, Windows: JSON.stringify(windows) });
    expect(asString.Windows).toEqual(asArray.Windows);
  });

  test('InputAttributes must be string values', () => {
    const result = seedVoiceDeliverySchema.safeParse({ ...base, InputAttributes: { n: 5 } });
    expect(result.success).toBe(false);
  });

  test('unknown OData fields are ignored', () => {
    expect(seedVoiceDeliverySchema.safeParse({ ...base, '@odata.type': 'x' }).success).toBe(true);
  });
});

describe('native delivery schema', () => {
  test('SQL-looking and formula-looking strings are kept verbatim as data', () => {
    const parsed = deliveryRequestSchema.parse({
      engagementId: "e'; drop table deliveries; --",
      contacts: [{ contactId: '=1+1', phones: [{ type: 'mobile', number: '+12125550100' }] }],
      inputAttributes: { note: "Robert'); DROP TABLE students;--" },
    });
    expect(parsed.engagementId).toBe("e'; drop table deliveries; --");
    expect(parsed.contacts[0]!.contactId).toBe('=1+1');
  });

  test('one number per phone type', () => {
    const result = deliveryRequestSchema.safeParse({
      engagementId: 'e',
      contacts: [{ contactId: 'a', phones: [{ type: 'mobile', number: '+12125550100' }, { type: 'mobile', number: '+12125550101' }] }],
    });
    expect(result.success).toBe(false);
  });
});

describe('engagement schema', () => {
  test('defaults fill an engagement with one attempt', () => {
    const e = engagementCreateSchema.parse({ name: 'n', routing: { queueId: 'q', queueDisplayNumber: '+12125550100' } });
    expect(e.reattempts).toEqual({ maxAttempts: 1, waitSeconds: 0, reasons: [], retryDispositionCodes: [] });
    expect(e.phoneTypeOrder).toEqual(['mobile', 'business', 'home']);
  });

  test('limits are enforced', () => {
    expect(engagementCreateSchema.safeParse({ name: 'n', routing: { queueId: 'q', queueDisplayNumber: '+12125550100' }, reattempts: { maxAttempts: 0, waitSeconds: 0 } }).success).toBe(false);
    expect(engagementCreateSchema.safeParse({ name: 'n', routing: { queueId: 'q', queueDisplayNumber: '+12125550100' }, phoneTypeOrder: ['mobile', 'mobile'] }).success).toBe(false);
  });
});
