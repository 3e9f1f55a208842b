/**
 * The board's average handle time on the real stack with the simulator: the talk and wrap-up the
 * simulated dialer reports for connected calls, stored with each call and averaged; it read 0 s when it
 * was taken from the call rows' timestamps (the simulator's result comes at connect).
 */
import { engineApi } from '../helpers/engineApi';
import { useEngineStack } from '../helpers/useEngineStack';
import { deliveriesFinal } from '../helpers/waiting';

const e2e = useEngineStack('e2e-board-handle-time');
const { as, engagement, deliver, nextNumber } = engineApi(e2e, '091');

test('connected calls with known talk and wrap-up give their mean; machines and abandons do not count', async () => {
  await engagement('aht', 'q-aht');
  const dialer = e2e.stack.simulator.dialer;
  const scripts = [
    { state: 'Answered', talkMs: 40_000, wrapMs: 10_000 },
    { state: 'Answered', talkMs: 90_000, wrapMs: 20_000 },
    { state: 'Answered', answeringMachine: true, talkMs: 999_000 },
    { state: 'Answered', abandoned: true, talkMs: 999_000 },
  ] as const;
  const deliveries = [];
  for (const script of scripts) {
    const number: string = nextNumber();
    dialer.setNumber(number, { ...script });
    deliveries.push(await deliver('aht', number));
  }
  await deliveriesFinal(
    e2e.stack.database.db,
    deliveries.map((d) => d.deliveryId),
  );
  const board = await as('supervisor').get('/v1/engagements/aht/board');
  expect(board.status).toBe(200);
  expect(board.body.tiles).toMatchObject({ callsPlaced: 4, averageHandleMs: 80_000 });
  const calls = await e2e.stack.database.db.selectFrom('calls').select(['talk_ms', 'wrap_ms']).orderBy('to_address').execute();
  expect(calls).toEqual([
    { talk_ms: 40_000, wrap_ms: 10_000 },
    { talk_ms: 90_000, wrap_ms: 20_000 },
    { talk_ms: null, wrap_ms: null },
    { talk_ms: null, wrap_ms: null },
  ]);
});
