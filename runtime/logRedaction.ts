/** Query parameters a client may put a credential in; refused for authentication, but never logged. */
const CREDENTIAL_PARAMS = new Set(['api_key', 'apikey', 'access_token', 'key', 'token']);

/** Headers that carry credentials, as pino redaction paths on a serialized request. */
export const CREDENTIAL_HEADER_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/** The URL with the value of every credential-bearing query parameter replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: compare it as sent.
      }
      return CREDENTIAL_PARAMS.has(name.toLowerCase()) && eq >= 0 ? `${rawName}=[Redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

/** A copy of a parsed query with credential-bearing parameters replaced (the request's own stays as is). */
export function redactQuery(query: unknown): unknown {
  if (!query || typeof query !== 'object') return query;
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [name, CREDENTIAL_PARAMS.has(name.toLowerCase()) ? '[Redacted]' : value]),
  );
}

/**
 * Fields that hold secrets wherever a log line may carry them: the dialer's AccessToken (seed 004) and
 * the engine settings that hold it or sign ResultDestination addresses. Pino redaction paths.
 */
export const SECRET_FIELD_PATHS = [
  'AccessToken',
  'accessToken',
  '*.AccessToken',
  '*.accessToken',
  '*.*.AccessToken',
  'dialerAccessToken',
  'dialerAccessTokens',
  'resultDestinationSecret',
  '*.dialerAccessToken',
  '*.dialerAccessTokens',
  '*.resultDestinationSecret',
];

/** The text with every occurrence of each secret replaced (for messages built from a peer's answer). */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('[Redacted]');
  return out;
}
