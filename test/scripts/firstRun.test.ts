import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashApiKey } from '../../api/auth';
import { firstRun } from '../../scripts/firstRun';
import { DEMO_ENGAGEMENT_ID, DEV_REPRESENTATIVE_ID, ensureDevApiKey } from '../../scripts/demoSetup';
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

test('the first admin key and the development key can be bound to a representative (the preview desk works as it)', async () => {
  const { db } = database;
  await db.deleteFrom('api_keys').execute();
  const { adminKey } = await firstRun(db, { representativeId: 'rep-admin' });
  const bound = await db
    .selectFrom('api_keys')
    .select('representative_id')
    .where('key_hash', '=', hashApiKey(adminKey!))
    .executeTakeFirst();
  expect(bound).toEqual({ representative_id: 'rep-admin' });

  const dir = mkdtempSync(path.join(tmpdir(), 'dev-key-'));
  try {
    const devKey = await ensureDevApiKey(db, dir);
    const dev = await db
      .selectFrom('api_keys')
      .select(['representative_id', 'roles'])
      .where('key_hash', '=', hashApiKey(devKey))
      .executeTakeFirst();
    expect(dev).toEqual({ representative_id: DEV_REPRESENTATIVE_ID, roles: ['admin', 'supervisor', 'agent', 'integration'] });
    // The same key file on the next start, another representative: the key follows the setting.
    expect(await ensureDevApiKey(db, dir, 'rep-9')).toBe(devKey);
    expect(
      await db.selectFrom('api_keys').select('representative_id').where('key_hash', '=', hashApiKey(devKey)).executeTakeFirst(),
    ).toEqual({ representative_id: 'rep-9' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
