/** The engine's settings from the environment: the dialer's deduplication and timeout. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { accessTokenFor, dialerClientOptions, loadConfig } from '../../runtime/config';
import { isValidResultToken } from '../../runtime/resultDestination';

test('DIALER_DEDUPLICATES defaults to true (the simulator deduplicates) and accepts only true or false', () => {
  expect(loadConfig({}).dialerDeduplicates).toBe(true);
  expect(loadConfig({ DIALER_DEDUPLICATES: 'false' }).dialerDeduplicates).toBe(false);
  expect(loadConfig({ DIALER_DEDUPLICATES: 'true' }).dialerDeduplicates).toBe(true);
  expect(() => loadConfig({ DIALER_DEDUPLICATES: 'no' })).toThrow('DIALER_DEDUPLICATES must be true or false');
});

test('DIALER_TIMEOUT_MS defaults to 10 s; the dialer client gets both settings', () => {
  expect(loadConfig({}).dialerTimeoutMs).toBe(10_000);
  expect(() => loadConfig({ DIALER_TIMEOUT_MS: '0' })).toThrow('DIALER_TIMEOUT_MS');
  expect(dialerClientOptions(loadConfig({ DIALER_DEDUPLICATES: 'false', DIALER_TIMEOUT_MS: '2500' }))).toEqual({
    deduplicatesConversationId: false,
    timeoutMs: 2500,
  });
});

test('AccessToken: per engagement, else the default; a bad DIALER_ACCESS_TOKENS is refused without quoting it', () => {
  const config = loadConfig({ DIALER_ACCESS_TOKEN: 'default-tok', DIALER_ACCESS_TOKENS: '{"acme":"acme-tok"}' });
  expect(accessTokenFor(config, 'acme')).toBe('acme-tok');
  expect(accessTokenFor(config, 'other')).toBe('default-tok');
  expect(accessTokenFor(loadConfig({}), 'acme')).toBeUndefined();
  expect(dialerClientOptions(config).accessTokenFor?.('acme')).toBe('acme-tok');
  for (const bad of ['{"acme":', '["x"]', '{"acme":1}']) {
    let message = '';
    try {
      loadConfig({ DIALER_ACCESS_TOKENS: bad });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^DIALER_ACCESS_TOKENS must be a JSON object/);
    expect(message).not.toContain(bad);
  }
});

test('secrets may come from files (_FILE); RESULT_DESTINATION_URL needs its secret and signs per call', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cfg-'));
  writeFileSync(path.join(dir, 'token'), 'file-tok\n');
  expect(loadConfig({ DIALER_ACCESS_TOKEN_FILE: path.join(dir, 'token') }).dialerAccessToken).toBe('file-tok');
  expect(() => loadConfig({ DIALER_ACCESS_TOKEN_FILE: path.join(dir, 'missing') })).toThrow('DIALER_ACCESS_TOKEN_FILE: cannot read');
  expect(() => loadConfig({ RESULT_DESTINATION_URL: 'http://api.test' })).toThrow('RESULT_DESTINATION_SECRET');
  expect(() => loadConfig({ RESULT_DESTINATION_URL: 'not a url', RESULT_DESTINATION_SECRET: 's' })).toThrow(
    'RESULT_DESTINATION_URL must be a URL',
  );
  const options = dialerClientOptions(loadConfig({ RESULT_DESTINATION_URL: 'http://api.test/', RESULT_DESTINATION_SECRET: 's' }));
  const url = new URL(options.resultDestination!.urlFor('d1:p1:n0'));
  expect(url.pathname).toBe('/v1/dialer/results/d1%3Ap1%3An0');
  expect(isValidResultToken('s', 'd1:p1:n0', url.searchParams.get('token'))).toBe(true);
  expect(isValidResultToken('s', 'd1:p1:n1', url.searchParams.get('token'))).toBe(false);
  expect(isValidResultToken('other', 'd1:p1:n0', url.searchParams.get('token'))).toBe(false);
  expect(loadConfig({}).pushFallbackPollMs).toBe(30_000);
});
