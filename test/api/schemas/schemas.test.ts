import { deliveryRequestSchema } from '../../../api/schemas/deliveryRequest';
import { engagementConfigSchema, parseEngagementCreate } from '../../../api/schemas/engagement';
import { seedVoiceDeliverySchema } from '../../../api/schemas/seedVoiceDelivery';

describe('seed-compatible voice delivery schema', () => {
  const base = {
    ProactiveEngagementConfigId: 'cbbac510-3e66-ef11-a671-6045bd03d9d8',
    DestinationPhoneNumber: '+12125550100',
    ContactId: '761e062f',
  };
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
      contacts: [
        {
          contactId: 'a',
          phones: [
            { type: 'mobile', number: '+12125550100' },
            { type: 'mobile', number: '+12125550101' },
          ],
        },
      ],
    });
    expect(result.success).toBe(false);
  });
});

describe('engagement schema', () => {
  const minimal = {
    name: 'n',
    routing: { queueId: 'q', queueDisplayNumber: '+12125550100' },
    schedule: [{ type: 'mobile', quietHours: [{ start: '21:00', end: '08:00' }] }],
  };

  test('defaults fill an engagement with one attempt', () => {
    const e = engagementConfigSchema.parse(minimal);
    expect(e.reattempts).toMatchObject({ maxAttempts: 1, waitSeconds: 0, reasons: [], retryDispositionCodes: [], retryPriority: 'same' });
    expect(e).toMatchObject({
      channel: 'voice',
      dialMode: 'progressive',
      priority: 'Normal',
      callOrder: 'fifo',
      timeZoneMode: 'contact',
      displayNumbers: { mode: 'queue' },
    });
  });

  test.each([
    ['no attempt', { reattempts: { maxAttempts: 0, waitSeconds: 0 } }, 'reattempts.maxAttempts'],
    [
      'phone type twice',
      {
        schedule: [
          { type: 'mobile', quietHours: [] },
          { type: 'mobile', quietHours: [] },
        ],
      },
      'schedule',
    ],
    ['no phone type', { schedule: [] }, 'schedule'],
    ['quiet hours missing', { schedule: [{ type: 'mobile' }] }, 'schedule.0.quietHours'],
    [
      'quiet hours malformed',
      { schedule: [{ type: 'mobile', quietHours: [{ start: '25:00', end: '08:00' }] }] },
      'schedule.0.quietHours.0',
    ],
    [
      'six display rules',
      {
        displayNumbers: {
          mode: 'rules',
          rules: Array.from({ length: 6 }, () => ({ field: 'state', condition: 'equals', value: 'NY', number: '+12125550100' })),
        },
      },
      'displayNumbers.rules',
    ],
    ['6 calls per representative', { dialModeSettings: { callsPerRepresentative: 6 } }, 'dialModeSettings.callsPerRepresentative'],
    ['501 AI calls', { dialModeSettings: { maxConcurrentAiCalls: 501 } }, 'dialModeSettings.maxConcurrentAiCalls'],
    ['voicemail without message', { answeringMachine: { action: 'voicemail' } }, 'answeringMachine.voicemailMessage'],
    ['SMS without sender', { channel: 'sms' }, 'sms'],
    ['unknown setting', { colour: 'blue' }, ''],
  ])('%s is refused', (_name, change, path) => {
    const result = engagementConfigSchema.safeParse({ ...minimal, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  test('create takes an optional engagementId and reports its problems with the settings', () => {
    expect(parseEngagementCreate({ ...minimal, engagementId: 'sales-1' })).toMatchObject({
      success: true,
      data: { engagementId: 'sales-1' },
    });
    const bad = parseEngagementCreate({ engagementId: 'has space', name: '' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['engagementId', 'name', 'routing', 'schedule']));
  });
});
