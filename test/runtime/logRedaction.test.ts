import pino from 'pino';
import { CREDENTIAL_HEADER_PATHS, redactSecrets, redactUrl, SECRET_FIELD_PATHS } from '../../runtime/logRedaction';
import { loadConfig } from '../../runtime/config';

function capture() {
  const lines: string[] = [];
  const logger = pino({ redact: [...CREDENTIAL_HEADER_PATHS, ...SECRET_FIELD_PATHS] }, { write: (l: string) => void lines.push(l) });
  return { logger, text: () => lines.join('\n') };
}

test("the dialer's AccessToken and the engine's secrets never reach a log line", () => {
  const { logger, text } = capture();
  const config = loadConfig({
    DIALER_ACCESS_TOKEN: 'default-secret-1',
    DIALER_ACCESS_TOKENS: '{"acme":"acme-secret-2"}',
    RESULT_DESTINATION_URL: 'http://api.test',
    RESULT_DESTINATION_SECRET: 'signing-secret-3',
  });
  logger.info({ config }, 'settings');
  logger.info({ AccessToken: 'bare-secret-4' }, 'request');
  logger.info({ request: { AccessToken: 'nested-secret-5', Project: 'p' } }, 'dialer request');
  logger.info({ body: { request: { AccessToken: 'deeper-secret-6' } } }, 'deeper');
  for (const secret of ['default-secret-1', 'acme-secret-2', 'signing-secret-3', 'bare-secret-4', 'nested-secret-5', 'deeper-secret-6']) {
    expect(text()).not.toContain(secret);
  }
  expect(text()).toContain('"Project":"p"');
});

test('the ResultDestination token is redacted from request URLs; secrets from free text', () => {
  expect(redactUrl('/v1/dialer/results/c1?token=abc')).toBe('/v1/dialer/results/c1?token=[Redacted]');
  expect(redactSecrets('dialer said: bad token tok-1 for tok-1', ['tok-1', ''])).toBe('dialer said: bad token [Redacted] for [Redacted]');
});
