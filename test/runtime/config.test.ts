/** The engine's settings from the environment: the dialer's deduplication and timeout. */
import { dialerClientOptions, loadConfig } from '../../runtime/config';

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
