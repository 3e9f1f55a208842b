/**
 * A credential is never logged wherever it was sent; JSON responses carry nosniff and no-store; a 401
 * names the Bearer scheme; a malformed Idempotency-Key is a 400 naming the header.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Client } from '@temporalio/client';
import pino from 'pino';
import { createApp } from '../../api/app';
import { redactUrl } from '../../runtime/logRedaction';
import { apiKeyWithRoles } from '../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
let server: http.Server;
let baseUrl: string;
let integrationKey: string;
const logLines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  integrationKey = await apiKeyWithRoles(database.db, 'integration');
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  // Nothing here reaches Temporal: requests are refused before.
  const app = createApp({ db: database.db, temporal: {} as Client, taskQueue: 'headers-test', logger });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await database?.drop();
});

/** Raw HTTP, so header values fetch would refuse (control characters, non-ASCII) can be sent. */
function request(method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(`${baseUrl}${path}`, { method, headers }, (res) => {
      let data = '';
      res.on('data', (d: Buffer) => (data += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('credentials are never logged', () => {
  const secret = 'pe_supersecretvalue_123456';

  test.each([
    ['an Authorization header', '/v1/deliveries/00000000-0000-4000-8000-000000000000', { authorization: `Bearer ${secret}` }],
    ['an X-API-Key header', '/v1/deliveries/00000000-0000-4000-8000-000000000000', { 'x-api-key': secret }],
    ['an api_key query parameter', `/v1/deliveries/00000000-0000-4000-8000-000000000000?api_key=${secret}`, {}],
    ['an access_token query parameter', `/v1/deliveries/00000000-0000-4000-8000-000000000000?x=1&access_token=${secret}`, {}],
    ['a key query parameter', `/v1/deliveries/00000000-0000-4000-8000-000000000000?key=${secret}&x=2`, {}],
  ])('%s', async (_what, path, headers) => {
    logLines.length = 0;
    const res = await request('GET', path, headers);
    expect(res.status).toBe(401);
    await new Promise((r) => setImmediate(r));
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(secret);
  });

  test('other query parameters are kept', () => {
    expect(redactUrl('/v1/x?cursor=abc&api_key=s&Key=t&monkey=1')).toBe('/v1/x?cursor=abc&api_key=[Redacted]&Key=[Redacted]&monkey=1');
    expect(redactUrl('/v1/x')).toBe('/v1/x');
  });
});

describe('security headers', () => {
  test('JSON responses carry nosniff and no-store, errors included', async () => {
    const ok = await request('GET', '/v1/deliveries/00000000-0000-4000-8000-000000000000', { authorization: `Bearer ${integrationKey}` });
    expect(ok.status).toBe(404);
    const notFound = await request('GET', '/no/such/route', {});
    for (const res of [ok, notFound]) {
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  test('a 401 names the Bearer scheme', async () => {
    const missing = await request('GET', '/v1/deliveries/00000000-0000-4000-8000-000000000000', {});
    const invalid = await request('GET', '/v1/deliveries/00000000-0000-4000-8000-000000000000', { authorization: 'Bearer pe_not_a_key' });
    for (const res of [missing, invalid]) {
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
  });
});

describe('Idempotency-Key', () => {
  const body = JSON.stringify({});
  test.each([
    ['empty', ''],
    ['longer than 255 characters', 'k'.repeat(256)],
    ['a few thousand characters', 'k'.repeat(4000)],
    ['with a space', 'two words'],
    ['with a control character', 'a\tb'],
    ['with a non-ASCII character', Buffer.from('cl\u00e9', 'latin1').toString('latin1')],
  ])('%s is a 400 naming the header', async (_what, key) => {
    const res = await request(
      'POST',
      '/v1/deliveries',
      { authorization: `Bearer ${integrationKey}`, 'content-type': 'application/json', 'idempotency-key': key },
      body,
    );
    expect(res.status).toBe(400);
    const error = JSON.parse(res.body).error;
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toEqual([{ path: 'Idempotency-Key', message: expect.any(String) }]);
  });

  test('a 255-character visible-ASCII key passes the header check', async () => {
    const res = await request(
      'POST',
      '/v1/deliveries',
      { authorization: `Bearer ${integrationKey}`, 'content-type': 'application/json', 'idempotency-key': 'k'.repeat(255) },
      body,
    );
    // Refused for the empty body, not for the key.
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.fields.map((f: { path: string }) => f.path)).not.toContain('Idempotency-Key');
  });
});
