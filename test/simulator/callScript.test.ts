import { DEFAULT_CALL_SCRIPT, outcomeForCall } from '../../simulator/callScript';
import { DialerSimulator } from '../../simulator/dialerSimulator';

describe('simulator call script', () => {
  test('sequences are consumed call by call and the last entry repeats', () => {
    const script = {
      defaultOutcome: { state: 'Answered' as const },
      numbers: { '+1': [{ state: 'Busy' as const }, { state: 'No Answer' as const }] },
    };
    expect([0, 1, 2].map((i) => outcomeForCall(script, '+1', i).state)).toEqual(['Busy', 'No Answer', 'No Answer']);
    expect(outcomeForCall(script, '+2', 0).state).toBe('Answered');
  });

  test('placing a call twice with the same ConversationId places one call', () => {
    const sim = new DialerSimulator(DEFAULT_CALL_SCRIPT);
    const request = { conversationId: 'intent-1', project: 'p', destination: '+15550100002', displayNumber: '+1555', inputs: {} };
    const first = sim.placeCall(request);
    const second = sim.placeCall(request);
    expect(second.uniqueId).toBe(first.uniqueId);
    expect(sim.callsTo('+15550100002')).toHaveLength(1);
  });

  test('a call reports Dialing until its ring time has passed', () => {
    let now = new Date('2026-01-01T00:00:00.000Z');
    const sim = new DialerSimulator({ defaultOutcome: { state: 'Busy', ringMs: 1000 }, numbers: {} }, () => now);
    const call = sim.placeCall({ conversationId: 'c', project: 'p', destination: '+1', displayNumber: '+2', inputs: {} });
    expect(sim.resultOf(call.uniqueId)?.state).toBe('Dialing');
    now = new Date(now.getTime() + 1000);
    expect(sim.resultOf(call.uniqueId)?.state).toBe('Busy');
    expect(sim.resultOf('unknown')).toBeUndefined();
  });
});
