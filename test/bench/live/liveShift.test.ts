/**
 * The live bench reads a shift from the simulator's call log: dials and live answers inside the shift,
 * handle time clipped to it, scripted calls and an earlier shift's calls left out.
 */
import { liveShiftRecord } from '../../../bench/live/liveShift';
import { summarise } from '../../../bench/pacing/metrics';
import type { SimulatedCall } from '../../../simulator/dialerSimulator';

const start = Date.UTC(2026, 10, 30, 9);
const at = (s: number) => new Date(start + s * 1000);

function call(over: Partial<SimulatedCall> & { requestedS: number }): SimulatedCall {
  const { requestedS, ...rest } = over;
  return {
    uniqueId: `u${requestedS}`,
    conversationId: `c${requestedS}`,
    project: 'p',
    destination: '+15550100001',
    displayNumber: '+15550109999',
    inputs: {},
    resultRequests: 0,
    requestedAt: at(requestedS),
    finishesAt: at(requestedS + 10),
    outcome: { state: 'No Answer', ringMs: 10_000 },
    drawn: { kind: 'noAnswer', outcome: { state: 'No Answer', ringMs: 10_000 } },
    ...rest,
  };
}

const live = (requestedS: number, answeredS: number, result: { connectedS: number; handleS: number } | { abandonedS: number }) =>
  call({
    requestedS,
    answeredAt: at(answeredS),
    outcome: { state: 'Answered', ringMs: (answeredS - requestedS) * 1000 },
    drawn: {
      kind: 'live',
      outcome: { state: 'Answered', ringMs: (answeredS - requestedS) * 1000 },
      ...('handleS' in result ? { talkMs: result.handleS * 1000 - 5000, wrapMs: 5000 } : { talkMs: 60_000, wrapMs: 5000 }),
      patienceMs: 2000,
    },
    ...('connectedS' in result ? { connectedAt: at(result.connectedS) } : { abandonedAt: at(result.abandonedS) }),
  });

test('dials, live answers and handle time inside the shift, in the pure bench terms', () => {
  const calls = [
    call({ requestedS: -5 }), // before the shift: not a dial of it
    live(-60, -55, { connectedS: -55, handleS: 120 }), // an earlier shift's conversation, running until 65: not this shift's
    call({ requestedS: 10 }),
    call({ requestedS: 20, drawn: undefined }), // scripted, not drawn: left out
    live(30, 38, { connectedS: 39, handleS: 100 }), // connected after waiting 1 s, handle 39..139
    live(40, 45, { abandonedS: 47 }),
    live(500, 590, { connectedS: 590, handleS: 60 }), // handle 590..650, clipped at the end (600)
    call({ requestedS: 600 }), // after the shift
  ];
  const rec = liveShiftRecord(calls, 2, start, 600_000);
  expect(rec.dials).toBe(4);
  expect(rec.live).toEqual([
    { atMs: 38_000, abandoned: false, delayMs: 1000 },
    { atMs: 45_000, abandoned: true, delayMs: 0 },
    { atMs: 590_000, abandoned: false, delayMs: 0 },
  ]);
  expect(rec.handleMs).toBe(100_000 + 10_000);
  const m = summarise(rec);
  expect(m.occupancy).toBeCloseTo(110_000 / (2 * 600_000));
  expect(m.abandonRate).toBeCloseTo(1 / 3);
  expect(m.dialsPerConnect).toBe(2);
});
