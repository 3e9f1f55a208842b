import { hashApiKey } from '../../api/auth';
import { firstRun } from '../../scripts/firstRun';
import { DEMO_ENGAGEMENT_ID } from '../../scripts/demoSetup';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

test('the first run creates the demo engagement and one admin key, shown once; later runs create no key', async () => {
  const { db } = database;
  const [first, concurrent] = await Promise.all([firstRun(db), firstRun(db)]);
  const keys = [first.adminKey, concurrent.adminKey].filter(Boolean) as string[];
  expect(keys).toHaveLength(1);
  const stored = await db.selectFrom('api_keys').selectAll().execute();
  expect(stored).toHaveLength(1);
  expect(JSON.stringify(stored[0])).not.toContain(keys[0]!);
  expect(JSON.stringify(stored[0])).toContain(hashApiKey(keys[0]!));
  expect(JSON.stringify(stored[0])).toContain('admin');
  expect(
    await db.selectFrom('engagements').select('engagement_id').where('engagement_id', '=', DEMO_ENGAGEMENT_ID).executeTakeFirst(),
  ).toBeDefined();
  expect(await firstRun(db)).toEqual({});
  expect(await db.selectFrom('api_keys').select('name').execute()).toHaveLength(1);
});
