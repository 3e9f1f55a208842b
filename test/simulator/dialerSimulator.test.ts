/** The simulator's switch to behave as a dialer that does not deduplicate ConversationId. */
import { DialerSimulator } from '../../simulator/dialerSimulator';

const request = { conversationId: 'd:p1:n0', project: 'p', destination: '+15550800001', displayNumber: '+2', inputs: {} };

test('by default a repeated ConversationId is the same call', () => {
  const sim = new DialerSimulator();
  expect(sim.placeCall(request).uniqueId).toBe(sim.placeCall(request).uniqueId);
  expect(sim.callsForConversation('d:p1:n0')).toHaveLength(1);
});

test('without deduplication every request places a call; reset restores the option given at construction', () => {
  const sim = new DialerSimulator(undefined, undefined, { deduplicatesConversationId: false });
  expect(sim.placeCall(request).uniqueId).not.toBe(sim.placeCall(request).uniqueId);
  expect(sim.callsForConversation('d:p1:n0')).toHaveLength(2);
  sim.deduplicatesConversationId = true;
  sim.reset();
  expect(sim.deduplicatesConversationId).toBe(false);
  expect(sim.listCalls()).toHaveLength(0);
});
