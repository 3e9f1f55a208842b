/**
 * Policy matching has two forms built from one definition (domain/cancellationPolicy.ts): the
 * TypeScript predicate that suppresses deliveries on arrival and the SQL that finds queued deliveries
 * when a policy is created. On real Postgres, for random policies and chains, they pick the same deliveries.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { activePolicies, insertPolicy, policyMatchSql } from '../../db/cancellationPolicyStore';
import { insertDelivery } from '../../db/deliveryStore';
import { type PolicyFilter, policyMatches } from '../../domain/cancellationPolicy';
import { newDelivery, newDeliveryPlan } from '../../domain/delivery/newDelivery';
import type { ChainContact } from '../../domain/delivery/deliveryPlan';
import { engagementConfig, insertEngagement } from '../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
const ENGAGEMENTS = ['policy-a', 'policy-b'];
const config = engagementConfig();
beforeAll(async () => {
  database = await createTestDatabase();
  for (const id of ENGAGEMENTS) await insertEngagement(database.db, id, config);
});
afterAll(() => database?.drop());

/** Values that differ only by case or surrounding whitespace, plus a few non-ASCII letters. */
const location = fc.option(
  fc.constantFrom('NY', 'ny', ' Ny ', 'NJ', '10001', ' 10001', '\tNY', 'Québec', 'QUÉBEC', 'québec ', 'ÅLAND', 'åland', ''),
  { nil: undefined },
);
const contact = fc.record({ country: location, state: location, postalCode: location });
const chain = fc.array(contact, { minLength: 1, maxLength: 3 });
const policy: fc.Arbitrary<PolicyFilter> = fc.record({
  engagementId: fc.option(fc.constantFrom(...ENGAGEMENTS, 'POLICY-A'), { nil: undefined }),
  country: location,
  state: location,
  postalCode: location,
});
const delivery = fc.record({ engagementId: fc.constantFrom(...ENGAGEMENTS), chain });

class Rollback extends Error {}

test('the SQL form of policy matching picks exactly the deliveries the TypeScript predicate matches', async () => {
  await fc.assert(
    fc.asyncProperty(policy, fc.array(delivery, { minLength: 1, maxLength: 6 }), async (p, deliveries) => {
      const now = new Date();
      const expected = new Map<string, boolean>();
      await database.db
        .transaction()
        .execute(async (trx) => {
          for (const d of deliveries) {
            const contacts: ChainContact[] = d.chain.map((c, i) => ({
              contactId: `c${i}`,
              phones: [{ type: 'mobile', number: '+15550000000' }],
              ...c,
            }));
            const plan = newDeliveryPlan(
              { deliveryId: randomUUID(), conversationId: randomUUID() },
              d.engagementId,
              config,
              { contacts },
              now,
            );
            await insertDelivery(trx, newDelivery(plan, config, { origin: { kind: 'request' }, now, policies: [] }));
            expected.set(plan.deliveryId, policyMatches(p, { engagementId: d.engagementId, contacts }));
          }
          const rows = await trx
            .selectFrom('deliveries as d')
            .select('d.delivery_id')
            .where('d.delivery_id', 'in', [...expected.keys()])
            .where(policyMatchSql(p))
            .execute();
          const matched = new Set(rows.map((r) => r.delivery_id));
          for (const [id, matches] of expected)
            expect({ policy: p, deliveryId: id, matched: matched.has(id) }).toEqual({ policy: p, deliveryId: id, matched: matches });
          throw new Rollback();
        })
        .catch((err) => {
          if (!(err instanceof Rollback)) throw err;
        });
    }),
    { numRuns: 150 },
  );
});

test('a policy with no field set matches nothing in either form', async () => {
  expect(policyMatches({}, { engagementId: 'policy-a', contacts: [{ state: 'NY' }] })).toBe(false);
  const rows = await database.db.selectFrom('deliveries as d').select('d.delivery_id').where(policyMatchSql({})).execute();
  expect(rows).toEqual([]);
});

test('the policies that may suppress an arrival: active, for the engagement or every engagement, oldest first', async () => {
  const now = new Date();
  const ids = { all: randomUUID(), mine: randomUUID(), other: randomUUID(), expired: randomUUID() };
  await insertPolicy(database.db, { policyId: ids.all, state: 'NY', comment: 'all' });
  await insertPolicy(database.db, { policyId: ids.mine, engagementId: 'policy-a', comment: 'mine' });
  await insertPolicy(database.db, { policyId: ids.other, engagementId: 'policy-b', comment: 'other' });
  await insertPolicy(database.db, {
    policyId: ids.expired,
    state: 'NY',
    until: new Date(now.getTime() - 1000).toISOString(),
    comment: 'expired',
  });
  expect((await activePolicies(database.db, 'policy-a', now)).map((p) => p.policyId)).toEqual([ids.all, ids.mine]);
});
