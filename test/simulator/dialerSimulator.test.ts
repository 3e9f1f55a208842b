/** The simulator's switch to behave as a dialer that does not deduplicate ConversationId; the conversations it reports. */
import { withDefaults } from '../../domain/callModel';
import { callResultItem } from '../../simulator/callResults';
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

describe("a connected call's conversation (TalkSeconds, WrapUpSeconds)", () => {
  const T0 = Date.parse('2026-01-01T08:00:00.000Z');
  const place = (sim: DialerSimulator, destination: string) => sim.placeCall({ ...request, conversationId: destination, destination });

  test("with a pool: the script's talk and wrap-up, reported at connect and keeping the representative busy that long", () => {
    const clock = { now: T0 };
    const sim = new DialerSimulator(undefined, () => new Date(clock.now), { representatives: { count: 1, handleMs: 60_000 } });
    sim.setNumber('+15550800010', { state: 'Answered', talkMs: 30_000, wrapMs: 5_000 });
    sim.setNumber('+15550800011', { state: 'Answered' });
    const scripted = place(sim, '+15550800010');
    expect(sim.resultOf(scripted.uniqueId)).toMatchObject({ state: 'Answered', abandoned: false, talkMs: 30_000, wrapMs: 5_000 });
    // The representative is free again after 35 s, not the pool's 60 s: the next caller connects then.
    clock.now = T0 + 35_000;
    const unscripted = place(sim, '+15550800011');
    const facts = sim.resultOf(unscripted.uniqueId);
    // The pool's own handle time does not split talk from wrap-up: all of it is talk.
    expect(facts).toMatchObject({ state: 'Answered', abandoned: false, talkMs: 60_000 });
    expect(facts).not.toHaveProperty('wrapMs');
  });

  test('an abandoned or non-live call reports none; without a pool a live answer talks as scripted', () => {
    const clock = { now: T0 };
    const sim = new DialerSimulator(undefined, () => new Date(clock.now), { representatives: { count: 0, handleMs: 60_000 } });
    sim.setNumber('+15550800020', { state: 'Answered', talkMs: 30_000 });
    sim.setNumber('+15550800021', { state: 'Answered', answeringMachine: true, talkMs: 30_000 });
    const abandoned = place(sim, '+15550800020');
    const machine = place(sim, '+15550800021');
    clock.now = T0 + 3600_000;
    expect(sim.resultOf(abandoned.uniqueId)).toMatchObject({ abandoned: true });
    expect(sim.resultOf(abandoned.uniqueId)).not.toHaveProperty('talkMs');
    expect(sim.resultOf(machine.uniqueId)).not.toHaveProperty('talkMs');

    sim.setRepresentatives(null);
    sim.setNumber('+15550800022', { state: 'Answered', talkMs: 12_000, wrapMs: 3_000 });
    expect(sim.resultOf(place(sim, '+15550800022').uniqueId)).toMatchObject({ talkMs: 12_000, wrapMs: 3_000 });
  });

  test('in stochastic mode: the drawn talk and wrap-up', () => {
    const clock = { now: T0 };
    const scenario = withDefaults({
      name: 't',
      agents: 50,
      answerProbability: 1,
      talk: { mean: 120, cv: 1 },
      wrap: { mean: 15, cv: 0.5 },
      wrapSeconds: 0,
      seed: 7,
    });
    const sim = new DialerSimulator(undefined, () => new Date(clock.now), { stochastic: scenario });
    const calls = Array.from({ length: 20 }, (_, i) => place(sim, `+155508001${String(i).padStart(2, '0')}`));
    clock.now = T0 + 3600_000;
    const connected = calls.filter((c) => c.drawn?.kind === 'live' && sim.resultOf(c.uniqueId)?.abandoned === false);
    expect(connected.length).toBeGreaterThan(0);
    for (const c of connected) expect(sim.resultOf(c.uniqueId)).toMatchObject({ talkMs: c.drawn!.talkMs, wrapMs: c.drawn!.wrapMs });
  });

  test('on the wire in seconds, and not in seed-004-only results', () => {
    const sim = new DialerSimulator(undefined, () => new Date(T0));
    sim.setNumber('+15550800030', { state: 'Answered', talkMs: 12_500, wrapMs: 3_000 });
    const c = place(sim, '+15550800030');
    expect(callResultItem(c, sim.resultOf(c.uniqueId)!, false)).toMatchObject({ TalkSeconds: 12.5, WrapUpSeconds: 3 });
    expect(callResultItem(c, sim.resultOf(c.uniqueId)!, true)).not.toHaveProperty('TalkSeconds');
  });
});
