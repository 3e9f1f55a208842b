/**
 * Generative fuzzing of every endpoint over HTTP (fast-check, bounded runs, one stack for the file):
 * arbitrary JSON (unicode, NUL, lone surrogates, very long strings, odd numbers, deep nesting, reserved
 * keys), valid bodies with one part mutated, CSV files, path and query parameters (raw bytes too) and
 * headers (Authorization, Idempotency-Key, Content-Type, X-Request-Id). Every answer must be below 500;
 * every 4xx has the API's error shape with a code, naming the fields when it is a validation failure,
 * and is never a value Postgres refused (that would be a check missing from the schemas); a refusal
 * stores no row, and no workflow runs without its row.
 * FUZZ_RUNS sets the runs per endpoint (default 25); FUZZ_SEED replays a failure.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import fc from 'fast-check';
import { sql } from 'kysely';
import { apiKeyWithRoles, engagementConfig, insertEngagement } from '../helpers/fixtures';
import { startEngineStack, type EngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';
import { csvBody, encode, headers, jsonBody, query, segment, text } from '../helpers/hostileRequests';
import { eventually } from '../helpers/waiting';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

let env: TestWorkflowEnvironment;
let stack: EngineStack;
const keys: Record<'admin' | 'integration' | 'supervisor' | 'agent', string> = { admin: '', integration: '', supervisor: '', agent: '' };
const ids = { delivery: '', upload: '', policy: '' };
let requests = 0;

const future = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
const window = { start: future(48), end: future(50) };
const engagementInput = {
  name: 'Fuzz engagement',
  routing: { queueId: 'queue-1', queueDisplayNumber: '+15550109999' },
  schedule: [{ type: 'mobile', quietHours: [] }],
  dialer: { project: 'test', tenant: 'Default', scenarioPath: '/s', orchestratorUrl: 'http://orchestrator.test' },
};
const csvFile =
  'UniqueIdentifier,MobilePhoneNumber,WindowStart,WindowEnd,Note\n' + `fz-csv-1,+15550900001,${window.start},${window.end},hello\n`;

beforeAll(async () => {
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'e2e-fuzz');
  const db = stack.database.db;
  for (const id of ['fz-voice', 'fz-put'])
    await insertEngagement(db, id, engagementConfig({ uniqueIdentifierAttribute: 'CustomerNumber' }));
  for (const role of ['admin', 'integration', 'supervisor', 'agent'] as const) keys[role] = await apiKeyWithRoles(db, role);
  const created = await call('POST', '/v1/deliveries', {
    body: JSON.stringify(bodies.delivery),
    headers: { 'Content-Type': 'application/json' },
  });
  ids.delivery = created.body.deliveryId;
  const uploaded = await call('POST', '/v1/engagements/fz-voice/uploads', { body: csvFile, headers: { 'Content-Type': 'text/csv' } });
  ids.upload = uploaded.body.uploadId;
  await eventually(
    async () => (await call('GET', `/v1/uploads/${ids.upload}`)).body.state,
    (s) => s === 'completed' || s === 'failed',
  );
  const policy = await call('POST', '/v1/cancellation-policies', {
    body: JSON.stringify({ postalCode: '00000', comment: 'fuzz' }),
    headers: { 'Content-Type': 'application/json' },
  });
  ids.policy = policy.body.policyId;
  // The pool's dispatcher runs from here on: a later refused control finds it and starts nothing.
  expect((await call('GET', '/v1/engagements/fz-voice/dispatch')).status).toBe(200);
  expect([created.status, uploaded.status, policy.status]).toEqual([201, 202, 201]);
});
afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
  console.log(`fuzz: ${requests} requests, ${RUNS} runs per endpoint`);
});

interface Sent {
  status: number;
  contentType: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

async function call(method: string, path: string, options: { body?: string; headers?: Record<string, string> } = {}): Promise<Sent> {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    body: options.body,
    headers: { Authorization: `Bearer ${keys.admin}`, ...options.headers },
  });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  return { status: res.status, contentType, text, body: contentType.includes('json') && text ? JSON.parse(text) : undefined };
}

// ---- endpoints ---------------------------------------------------------------------------------

const bodies = {
  delivery: {
    engagementId: 'fz-voice',
    contacts: [{ contactId: 'fz-c1', timeZone: 'America/New_York', phones: [{ type: 'mobile', number: '+15550900001' }] }],
    windows: [window],
    inputAttributes: { orderNumber: 'ORD1' },
    trackingId: 't-1',
    customPriority: 2,
  },
  seed: {
    ProactiveEngagementConfigId: 'fz-voice',
    ContactId: 'fz-c2',
    DestinationPhoneNumber: '+15550900003',
    Windows: [{ Start: window.start, End: window.end }],
    InputAttributes: { a: 'b' },
  },
  engagement: { engagementId: 'fz-new', ...engagementInput },
  policy: { engagementId: 'fz-nobody', country: 'US', state: 'NY', postalCode: '10001', until: future(1), comment: 'fuzz' },
};

const engagement = segment(
  () => 'fz-voice',
  () => 'fz-missing',
);
const delivery = segment(
  () => ids.delivery,
  () => '00000000-0000-4000-8000-000000000000',
);
const upload = segment(() => ids.upload);
const policy = segment(() => ids.policy);

interface Endpoint {
  name: string;
  method: string;
  path: fc.Arbitrary<string>;
  body?: fc.Arbitrary<string | undefined>;
  type?: string;
}
const at = (template: string, ...parts: Array<fc.Arbitrary<string>>) =>
  fc.tuple(...parts).map((values) => values.reduce((p, v) => p.replace(/:[a-zA-Z]+/, v), template));
const withQuery = (path: fc.Arbitrary<string>, known: Record<string, string[]> = {}) => fc.tuple(path, query(known)).map(([p, q]) => p + q);

const listKnown = {
  engagementId: ['fz-voice'],
  status: ['Pending', 'Complete'],
  result: ['CallEnded'],
  createdFrom: ['2020-01-01', '2027-02-30'],
  createdTo: ['2099-01-01T00:00:00Z'],
  resultFrom: ['0000-01-01'],
  resultTo: ['-000001-01-01T00:00:00Z'],
  limit: ['1', '500', '501', '0'],
  cursor: [Buffer.from(JSON.stringify(['2024-01-01T00:00:00.000Z', 'x'])).toString('base64url'), 'abc'],
};
const endpoints: Endpoint[] = [
  {
    name: 'seed create',
    method: 'POST',
    path: withQuery(fc.constant('/api/data/v9.2/CCaaS_CreateProactiveVoiceDelivery')),
    body: jsonBody(bodies.seed),
  },
  { name: 'create delivery', method: 'POST', path: withQuery(fc.constant('/v1/deliveries')), body: jsonBody(bodies.delivery) },
  { name: 'list deliveries', method: 'GET', path: withQuery(fc.constant('/v1/deliveries'), listKnown) },
  { name: 'get delivery', method: 'GET', path: withQuery(at('/v1/deliveries/:id', delivery)) },
  {
    name: 'explain delivery',
    method: 'GET',
    path: withQuery(at('/v1/deliveries/:id/explain', delivery), { at: ['2026-11-30T12:00:00.000Z', '0000-01-01T00:00:00Z', 'now'] }),
  },
  { name: 'cancel delivery', method: 'POST', path: at('/v1/deliveries/:id/cancel', delivery), body: jsonBody({ reason: 'stop' }) },
  {
    name: 'dispositions',
    method: 'POST',
    path: at('/v1/deliveries/:id/dispositions', delivery),
    body: jsonBody({ callId: 'c-1', codes: ['PromiseToPay'] }),
  },
  {
    name: 'preview accept',
    method: 'POST',
    path: at('/v1/deliveries/:id/preview/accept', delivery),
    body: jsonBody({ representativeId: 'r1' }),
  },
  {
    name: 'preview start',
    method: 'POST',
    path: at('/v1/deliveries/:id/preview/start', delivery),
    body: jsonBody({ representativeId: 'r1' }),
  },
  {
    name: 'preview decline',
    method: 'POST',
    path: at('/v1/deliveries/:id/preview/decline', delivery),
    body: jsonBody({ representativeId: 'r1', reason: 'not now' }),
  },
  {
    name: 'list previews',
    method: 'GET',
    path: withQuery(fc.constant('/v1/previews'), { engagementId: ['fz-voice'], limit: ['1', '101'] }),
  },
  { name: 'create engagement', method: 'POST', path: fc.constant('/v1/engagements'), body: jsonBody(bodies.engagement) },
  { name: 'list engagements', method: 'GET', path: withQuery(fc.constant('/v1/engagements')) },
  { name: 'get engagement', method: 'GET', path: at('/v1/engagements/:id', engagement) },
  {
    name: 'replace engagement',
    method: 'PUT',
    path: at(
      '/v1/engagements/:id',
      segment(
        () => 'fz-put',
        () => 'fz-missing',
      ),
    ),
    body: jsonBody(engagementInput),
  },
  { name: 'pause', method: 'POST', path: at('/v1/engagements/:id/pause', engagement), body: jsonBody({ reason: 'r' }) },
  { name: 'resume', method: 'POST', path: at('/v1/engagements/:id/resume', engagement), body: jsonBody({ reason: 'r' }) },
  { name: 'priority', method: 'PUT', path: at('/v1/engagements/:id/priority', engagement), body: jsonBody({ priority: 'High' }) },
  { name: 'dispatch status', method: 'GET', path: at('/v1/engagements/:id/dispatch', engagement) },
  { name: 'report', method: 'GET', path: withQuery(at('/v1/engagements/:id/report', engagement)) },
  {
    name: 'export',
    method: 'GET',
    path: withQuery(at('/v1/engagements/:id/export', engagement), { format: ['csv', 'json', 'xml'], table: ['attributes'] }),
  },
  { name: 'create policy', method: 'POST', path: fc.constant('/v1/cancellation-policies'), body: jsonBody(bodies.policy) },
  { name: 'list policies', method: 'GET', path: withQuery(fc.constant('/v1/cancellation-policies')) },
  { name: 'end policy', method: 'POST', path: at('/v1/cancellation-policies/:id/end', policy), body: jsonBody({}) },
  {
    name: 'upload',
    method: 'POST',
    path: withQuery(at('/v1/engagements/:id/uploads', engagement), { defaultCountry: ['US', 'ZZ'] }),
    body: csvBody(window.start),
    type: 'text/csv',
  },
  { name: 'list uploads', method: 'GET', path: withQuery(at('/v1/engagements/:id/uploads', engagement), { limit: ['1', '101'] }) },
  { name: 'get upload', method: 'GET', path: at('/v1/uploads/:id', upload) },
  {
    name: 'upload errors',
    method: 'GET',
    path: withQuery(at('/v1/uploads/:id/errors', upload), { afterLine: ['0', '99999999999', '-1'], limit: ['1', '1001'] }),
  },
  { name: 'openapi', method: 'GET', path: withQuery(fc.constant('/openapi.json')) },
  { name: 'metrics', method: 'GET', path: withQuery(fc.constant('/metrics')) },
  { name: 'health', method: 'GET', path: withQuery(fc.constant('/healthz')) },
  {
    name: 'unknown route',
    method: 'DELETE',
    path: fc.oneof(
      text.map((t) => `/v1/${encode(t)}`),
      fc.constant('/v1/deliveries'),
    ),
    body: jsonBody({}),
  },
];

// ---- invariants --------------------------------------------------------------------------------

/** What a refusal must leave as it was: rows a request creates directly (uploads' and follow-ups' deliveries come later). */
async function rowCounts() {
  const { rows } = await sql<Record<string, string>>`
    select (select count(*) from deliveries where upload_id is null and parent_delivery_id is null) as deliveries,
           (select count(*) from uploads) as uploads,
           (select count(*) from cancellation_policies) as policies,
           (select count(*) from engagements) as engagements`.execute(stack.database.db);
  return rows[0];
}

/** Codes whose 4xx must name the failing fields. */
const FIELD_CODES = new Set(['validation_failed', 'malformed_json', 'invalid_csv_header']);

function describeRequest(method: string, path: string, h: Record<string, string>, body: string | undefined): string {
  const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…(${s.length})` : s);
  return `${method} ${cut(path)} headers=${cut(JSON.stringify(h))} body=${body === undefined ? '(none)' : cut(JSON.stringify(body))}`;
}

function headersOf(h: { authorization: string | undefined; contentType: string; idempotencyKey?: string; requestId?: string }) {
  const out: Record<string, string> = {};
  if (h.authorization?.startsWith('raw:')) out.Authorization = h.authorization.slice(4);
  else if (h.authorization) out.Authorization = `Bearer ${keys[h.authorization as keyof typeof keys]}`;
  if (h.contentType) out['Content-Type'] = h.contentType;
  if (h.idempotencyKey !== undefined) out['Idempotency-Key'] = h.idempotencyKey;
  if (h.requestId !== undefined) out['X-Request-Id'] = h.requestId;
  return out;
}

/** Every workflow started since `since` belongs to a row: a delivery, an upload, or an engagement pool's dispatcher. */
async function expectNoOrphanWorkflows(since: Date) {
  await new Promise((r) => setTimeout(r, 500));
  const db = stack.database.db;
  const orphans: string[] = [];
  for await (const wf of env.client.workflow.list({ query: `StartTime >= "${since.toISOString()}"` })) {
    const id = wf.workflowId;
    const [, delivery] = /^delivery-(.+)$/.exec(id) ?? [];
    const [, uploadId] = /^upload-scheduling-(.+)$/.exec(id) ?? [];
    if (delivery) {
      if (!(await db.selectFrom('deliveries').select('delivery_id').where('delivery_id', '=', delivery).executeTakeFirst()))
        orphans.push(id);
    } else if (uploadId) {
      if (!(await db.selectFrom('uploads').select('upload_id').where('upload_id', '=', uploadId).executeTakeFirst())) orphans.push(id);
    } else if (!id.startsWith('dispatch-e2e-fuzz-')) orphans.push(id);
  }
  expect(orphans).toEqual([]);
}

describe.each(endpoints.map((e) => [e.name, e] as const))('fuzz %s', (_name, endpoint) => {
  test('never a 5xx; 4xx named and leaving nothing behind', async () => {
    const since = new Date();
    await fc.assert(
      fc.asyncProperty(
        endpoint.path,
        endpoint.body ?? fc.constant(undefined),
        headers(endpoint.type ?? 'application/json'),
        async (path, body, h) => {
          const sentHeaders = headersOf(h);
          try {
            new Headers(sentHeaders);
          } catch {
            return; // not a header value fetch can send: no server would see it either
          }
          const request = describeRequest(endpoint.method, path, sentHeaders, body);
          const before = await rowCounts();
          requests += 1;
          const res = await call(endpoint.method, path, { body: endpoint.method === 'GET' ? undefined : body, headers: sentHeaders }).catch(
            (err: Error & { cause?: Error }) => {
              // undici refuses to send some header values (a Content-Type with control characters).
              if ((err.cause as { code?: string } | undefined)?.code === 'UND_ERR_INVALID_ARG') return undefined;
              throw err;
            },
          );
          if (!res) return;
          if (res.status >= 500) throw new Error(`${res.status} ${res.text.slice(0, 500)}\n  for ${request}`);
          if (res.status < 400) return;
          const error = res.body?.error;
          if (typeof error?.code !== 'string' || error.code === '' || typeof error.message !== 'string')
            throw new Error(`${res.status} without the error shape: ${res.text.slice(0, 300)}\n  for ${request}`);
          if (error.code === 'invalid_value' || error.code === 'internal')
            throw new Error(`${res.status} ${error.code}: a value reached the database unchecked\n  for ${request}`);
          if (FIELD_CODES.has(error.code)) {
            const fields = error.fields as Array<{ path?: unknown; message?: unknown }> | undefined;
            if (!fields?.length || fields.some((f) => typeof f.path !== 'string' || f.path === '' || typeof f.message !== 'string'))
              throw new Error(`${res.status} ${error.code} without named fields: ${res.text.slice(0, 300)}\n  for ${request}`);
          }
          const after = await rowCounts();
          if (JSON.stringify(after) !== JSON.stringify(before))
            throw new Error(
              `refused (${res.status} ${error.code}) but rows changed: ${JSON.stringify(before)} → ${JSON.stringify(after)}\n  for ${request}`,
            );
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    await expectNoOrphanWorkflows(since);
  });
});
