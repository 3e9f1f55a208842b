import {
  availabilityBeforeConversationSchema,
  availabilityForConversationSchema,
  representativeAvailability,
} from '../../../api/schemas/seedAvailability';

const paths = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) =>
  r.success ? [] : r.error!.issues.map((i) => i.path.join('.'));

describe('the availability request schemas', () => {
  test('read the context as JSON or as a string holding it', () => {
    const items = { Product: { value: 'Xbox', isDisplayable: true, datatype: '192350000' } };
    for (const CustomContextItems of [items, JSON.stringify(items)])
      expect(availabilityBeforeConversationSchema.parse({ LiveWorkStreamId: 'w', CustomContextItems })).toEqual({
        LiveWorkStreamId: 'w',
        CustomContextItems: items,
      });
    expect(availabilityForConversationSchema.parse({ ApiVersion: '1.0', ConversationId: 'c' })).toEqual({
      ApiVersion: '1.0',
      ConversationId: 'c',
    });
  });

  test.each<[string, unknown, string]>([
    ['an empty LiveWorkStreamId', { LiveWorkStreamId: '' }, 'LiveWorkStreamId'],
    ['a context item without a value', { LiveWorkStreamId: 'w', CustomContextItems: { P: {} } }, 'CustomContextItems.P.value'],
    [
      'a datatype the product does not have',
      { LiveWorkStreamId: 'w', CustomContextItems: { P: { value: '1', datatype: '1' } } },
      'CustomContextItems.P.datatype',
    ],
    ['a context that is not JSON', { LiveWorkStreamId: 'w', ChannelEngagementContext: 'x' }, 'ChannelEngagementContext'],
    [
      'too many context items',
      { LiveWorkStreamId: 'w', ChannelEngagementContext: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
      'ChannelEngagementContext',
    ],
  ])('%s is refused at %s', (_name, body, path) => {
    expect(paths(availabilityBeforeConversationSchema.safeParse(body))).toContain(path);
  });

  test('fifty context items are accepted', () => {
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    expect(availabilityBeforeConversationSchema.parse({ LiveWorkStreamId: 'w', ChannelEngagementContext: fifty })).toMatchObject({
      ChannelEngagementContext: fifty,
    });
  });

  test('a conversation id is required', () => {
    expect(paths(availabilityForConversationSchema.safeParse({}))).toContain('ConversationId');
  });
});

describe('representativeAvailability', () => {
  test('reports the queue as the engine sees it, in the product fields', () => {
    expect(
      representativeAvailability('ctx', { queueId: 'q', withinOperatingHours: false, availableRepresentatives: 4, averageWaitMs: 45_400 }),
    ).toEqual({
      '@odata.context': 'ctx',
      QueueId: 'q',
      IsQueueAvailable: false,
      StartTimeOfNextOperatingHour: '0001-01-01T00:00:00Z',
      EndTimeOfNextOperatingHour: '0001-01-01T00:00:00Z',
      NextTransitionTime: '9999-12-31T23:59:59Z',
      PositionInQueue: 0,
      IsAgentAvailable: true,
      AverageWaitTime: 0.75,
      AverageWaitTimeInSeconds: 45,
      NumberOfExpertsAvailableInQueue: 4,
    });
  });

  test('no representative free: none available; no measured wait: null', () => {
    expect(
      representativeAvailability('ctx', { queueId: 'q', withinOperatingHours: true, availableRepresentatives: 0, averageWaitMs: null }),
    ).toMatchObject({
      IsQueueAvailable: true,
      IsAgentAvailable: false,
      NumberOfExpertsAvailableInQueue: 0,
      AverageWaitTime: null,
      AverageWaitTimeInSeconds: null,
    });
  });
});
