/** Which slot requests are granted on the spot, and why the others wait for the dispatcher. */
import { poolInFlightLimit, requestGrantId, requestGrantRefusal, type RequestGrantContext } from '../../../domain/dispatch';

const room: RequestGrantContext = {
  engagement: { state: 'active', dialMode: 'ai-agent', dialModeSettings: { maxConcurrentAiCalls: 3, allowOutsideQueueHours: false } },
  pool: { idle: false, queueOpen: true },
  othersWaiting: false,
  poolInFlight: 2,
};
const withEngagement = (e: Partial<RequestGrantContext['engagement']>): RequestGrantContext => ({
  ...room,
  engagement: { ...room.engagement, ...e },
});

test('an AI agent pool with room, an awake dispatcher, an open queue and nobody ahead grants at the request', () => {
  expect(requestGrantRefusal(room)).toBeUndefined();
  expect(requestGrantRefusal({ ...room, poolInFlight: 0 })).toBeUndefined();
});

test('the last slot under the limit is granted; the limit itself is not passed', () => {
  expect(requestGrantRefusal({ ...room, poolInFlight: 2 })).toBeUndefined();
  expect(requestGrantRefusal({ ...room, poolInFlight: 3 })).toBe('the pool holds 3 of 3 slots');
  expect(requestGrantRefusal({ ...room, poolInFlight: 4 })).toBe('the pool holds 4 of 3 slots');
});

test('modes paced on representatives wait for the dispatcher, whatever the room', () => {
  for (const dialMode of ['preview', 'progressive', 'predictive'] as const) {
    expect(requestGrantRefusal(withEngagement({ dialMode }))).toBe(`${dialMode} is paced by the dispatcher`);
    expect(poolInFlightLimit(dialMode, { maxConcurrentAiCalls: 3 })).toBeUndefined();
  }
  expect(poolInFlightLimit('ai-agent', { maxConcurrentAiCalls: 7 })).toBe(7);
});

test('a paused engagement, a sleeping dispatcher, a closed or unseen queue, a queue-reading rule, or deliveries ahead: it waits', () => {
  expect(requestGrantRefusal(withEngagement({ state: 'paused' }))).toBe('the engagement is paused');
  expect(requestGrantRefusal({ ...room, pool: { idle: true, queueOpen: true } })).toBe('the dispatcher is idle');
  expect(requestGrantRefusal({ ...room, pool: { idle: false, queueOpen: false } })).toBe('the queue is not known to be open');
  expect(requestGrantRefusal({ ...room, pool: { idle: false, queueOpen: null } })).toBe('the queue is not known to be open');
  expect(requestGrantRefusal({ ...room, othersWaiting: true })).toBe('other deliveries wait in the pool');
  expect(requestGrantRefusal(withEngagement({ pacingRules: { maxQueueSharePercent: 50 } }))).toBe('a pacing rule reads the queue');
  expect(requestGrantRefusal(withEngagement({ pacingRules: { maxAverageWaitSeconds: 10 } }))).toBe('a pacing rule reads the queue');
});

test('an engagement allowed outside queue hours does not need the queue open', () => {
  const outside = withEngagement({ dialModeSettings: { maxConcurrentAiCalls: 3, allowOutsideQueueHours: true } });
  expect(requestGrantRefusal({ ...outside, pool: { idle: false, queueOpen: false } })).toBeUndefined();
  expect(requestGrantRefusal({ ...outside, pool: { idle: false, queueOpen: null } })).toBeUndefined();
  expect(requestGrantRefusal({ ...outside, pool: { idle: true, queueOpen: false } })).toBe('the dispatcher is idle');
});

test('a grant at the request is named by its delivery and attempt', () => {
  expect(requestGrantId('d-1', 2)).toBe('request-d-1-2');
  expect(requestGrantId('d-1', 2)).not.toBe(requestGrantId('d-1', 3));
});
