/**
 * How the dialer client tells a /v2/call that certainly placed nothing from one that may have placed a
 * call (DialerOutcomeUnknownError): the second must never be sent again to a dialer that cannot
 * deduplicate ConversationId.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpDialerClient, DialerHttpError, DialerOutcomeUnknownError } from '../../activities/dialerClient';
import { freePort } from '../../runtime/freePort';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

async function dialerAnswering(handler: RequestListener): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const request = {
  project: 'p',
  tenant: 't',
  scenarioPath: '/s',
  orchestratorUrl: 'http://o',
  conversationId: 'd:p1:n0',
  destination: '+15550600100',
  displayNumber: '+15550109999',
};

const place = (url: string) => createHttpDialerClient(url, { timeoutMs: 300 }).placeCall(request);

test('nothing listening: certainly not sent, a plain error (safe to ask again)', async () => {
  const err = await place(`http://127.0.0.1:${await freePort()}`).catch((e: unknown) => e);
  // fetch's own TypeError (from another realm than jest's Error), its cause naming the refusal.
  expect(err).not.toBeInstanceOf(DialerOutcomeUnknownError);
  expect((err as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
});

test('the request arrives and the connection is cut: outcome unknown', async () => {
  const url = await dialerAnswering((req) => req.on('data', () => req.socket.destroy()));
  await expect(place(url)).rejects.toBeInstanceOf(DialerOutcomeUnknownError);
});

test('no answer within the timeout: outcome unknown', async () => {
  const url = await dialerAnswering(() => undefined);
  await expect(place(url)).rejects.toBeInstanceOf(DialerOutcomeUnknownError);
});

test('a gateway timeout (504) is unknown; a 500 and a 403 are the dialer refusing', async () => {
  let status = 504;
  const url = await dialerAnswering((_req, res) => res.writeHead(status).end('{}'));
  await expect(place(url)).rejects.toBeInstanceOf(DialerOutcomeUnknownError);
  for (status of [500, 403]) {
    const err = await place(url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DialerHttpError);
    expect((err as DialerHttpError).status).toBe(status);
  }
});

test('a 200 without a UniqueId: the dialer accepted something we cannot follow, unknown', async () => {
  const url = await dialerAnswering((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  await expect(place(url)).rejects.toBeInstanceOf(DialerOutcomeUnknownError);
});

test('the setting defaults to deduplicating (the simulator does)', () => {
  expect(createHttpDialerClient('http://127.0.0.1:1').deduplicatesConversationId).toBe(true);
  expect(createHttpDialerClient('http://127.0.0.1:1', { deduplicatesConversationId: false }).deduplicatesConversationId).toBe(false);
});

test("the engagement's AccessToken is sent, with ResultDestination; a dialer error that echoes the token does not carry it further", async () => {
  const bodies: Array<Record<string, unknown>> = [];
  const url = await dialerAnswering((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(text) as Record<string, unknown>);
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end(`bad request: ${text}`);
    });
  });
  const client = createHttpDialerClient(url, {
    accessTokenFor: (engagementId) => (engagementId === 'acme' ? 'acme-secret-token' : undefined),
    resultDestination: { urlFor: (id) => `http://engine.test/v1/dialer/results/${id}?token=x` },
  });
  expect(client.pushesResults).toBe(true);
  const err = await client.placeCall({ ...request, engagementId: 'acme' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DialerHttpError);
  expect((err as Error).message).toContain('[Redacted]');
  expect((err as Error).message).not.toContain('acme-secret-token');
  expect(bodies[0]).toMatchObject({
    AccessToken: 'acme-secret-token',
    ResultDestination: 'http://engine.test/v1/dialer/results/d:p1:n0?token=x',
    SendResultImmediately: true,
  });
  await client.placeCall({ ...request, engagementId: 'other' }).catch(() => undefined);
  expect(bodies[1]).toMatchObject({ AccessToken: '' });
  expect(createHttpDialerClient(url).pushesResults).toBe(false);
});
