/**
 * Slots count from the grant: with a dialer that takes seconds to acknowledge /v2/call, progressive
 * pacing holds calls in flight at its limit exactly (available representatives × calls per
 * representative), as the dialer's own log shows: never above it, and it does reach it.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { maxInFlight } from '../helpers/dialerLog';
import { apiClient } from '../helpers/apiClient';
import { apiKeyWithRoles, eventually } from '../helpers/fixtures';
import { type EngineStack, startEngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';

const TASK_QUEUE = 'e2e-slow-dialer';
const ACK_DELAY_MS = 1500;
let env: TestWorkflowEnvironment;
let stack: EngineStack;
let keys: { admin: string; integration: string };

beforeAll(async () => {
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, TASK_QUEUE, { dispatcherOptions: { tickMs: 250 } });
  keys = { admin: await apiKeyWithRoles(stack.database.db, 'admin'), integration: await apiKeyWithRoles(stack.database.db, 'integration') };
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
});

const as = (role: keyof typeof keys) => apiClient(stack.apiUrl, keys[role]);

test.each([
  { representatives: 5, perRep: 1 },
  { representatives: 2, perRep: 3 },
])(
  'progressive with $representatives representatives × $perRep and a dialer acknowledging after 1.5 s: in flight exactly at the limit',
  async ({ representatives, perRep }) => {
    const id = `slow-${representatives}x${perRep}`;
    const queueId = `q-${id}`;
    const limit = representatives * perRep;
    const res = await as('admin').post('/v1/engagements', {
      engagementId: id,
      name: id,
      routing: { queueId, queueDisplayNumber: '+15550109999' },
      schedule: [{ type: 'mobile', quietHours: [] }],
      dialModeSettings: { callsPerRepresentative: perRep },
    });
    expect(res.status).toBe(201);
    const { dialer } = stack.simulator;
    dialer.fault = { responseDelayMs: ACK_DELAY_MS };
    dialer.setRepresentatives({ count: representatives, handleMs: 300 });
    dialer.closedQueues.add(queueId);
    // Never answered, so every representative stays available and the limit stays put. Each call rings
    // long enough that a grant's calls all reach the dialer before the first ends, even when a loaded
    // machine spreads the workflows' dials over seconds (with 2 s, one run peaked at 10 of 12).
    const numbers = Array.from({ length: limit * 3 }, (_, i) => `+1555040${String(representatives * 100 + i).padStart(4, '0')}`);
    for (const n of numbers) dialer.setNumber(n, { state: 'No Answer', ringMs: 8000 });
    const ids: string[] = [];
    for (const number of numbers) {
      const d = await as('integration').post('/v1/deliveries', {
        engagementId: id,
        contacts: [{ contactId: `c-${number}`, phones: [{ type: 'mobile', number }] }],
      });
      expect(d.status).toBe(201);
      ids.push(d.body.deliveryId);
    }
    await eventually(
      async () =>
        Number(
          (
            await stack.database.db
              .selectFrom('dispatch_queue')
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .where('engagement_id', '=', id)
              .where('state', '=', 'waiting')
              .executeTakeFirstOrThrow()
          ).n,
        ),
      (n) => n === numbers.length,
    );
    dialer.closedQueues.delete(queueId);
    await eventually(
      () => stack.database.db.selectFrom('deliveries').select('status').where('delivery_id', 'in', ids).execute(),
      (rows) => rows.length === ids.length && rows.every((d) => d.status === 'Complete'),
      120_000,
    );
    const calls = dialer.listCalls().filter((c) => numbers.includes(c.destination));
    expect(calls).toHaveLength(numbers.length);
    expect(maxInFlight(calls)).toBe(limit);
    stack.simulator.reset();
  },
  180_000,
);
