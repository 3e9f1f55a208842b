/**
 * The OpenAPI document is generated from the zod schemas (zod-to-openapi), validates as OpenAPI 3.0,
 * gives every operation an id, a tag and a response schema, and documents every route the app serves.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import type { Client } from '@temporalio/client';
import pino from 'pino';
import { createApp } from '../../api/app';
import { openApiDocument } from '../../api/openapi';
import { TAGS } from '../../api/openApiRegistry';
import type { Db } from '../../db/connect';

interface Operation {
  operationId?: string;
  tags?: string[];
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
}
const doc = openApiDocument() as { paths: Record<string, Record<string, Operation>>; components: { schemas?: object } };
const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

/** Operations that need no API key. */
const OPEN_PATHS = ['/healthz', '/v1/dialer/results/{conversationId}'];

/** Routes not in the document, and why. */
const UNDOCUMENTED = new Set([
  'GET /', // redirects to the console
  'POST /codec/encode', // the Temporal UI's payload codec endpoint, not a client API
  'POST /codec/decode',
]);

/**
 * A route's path as the document writes it: `:id` as `{id}`; a RegExp route (an OData key in the path) as the
 * documented path it matches once its parameters are filled in.
 */
function documentedPath(p: string | RegExp): string {
  if (typeof p === 'string') return p.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  return Object.keys(doc.paths).find((d) => p.test(d.replace(/\{[^}]+\}/g, 'x'))) ?? String(p);
}

/** Every method and path the Express app routes (its routers are mounted at the root). */
function appRoutes(): string[] {
  const app = createApp({ db: {} as Db, temporal: {} as Client, taskQueue: 'openapi-test', logger: pino({ level: 'silent' }) });
  type Layer = {
    route?: { path: string | RegExp | Array<string | RegExp>; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
  };
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) for (const m of Object.keys(layer.route.methods)) out.push(`${m.toUpperCase()} ${documentedPath(p)}`);
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out.filter((r) => !r.includes('/console'));
}

test('the document validates as OpenAPI 3.0', async () => {
  await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
});

test('every operation has a unique id, a known tag and a schema for each JSON response', () => {
  const ids = operations.map((o) => o.op.operationId);
  expect(ids.every(Boolean)).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
  const tags = TAGS.map((t) => t.name as string);
  for (const { path, method, op } of operations) {
    expect([path, method, op.tags?.length === 1 && tags.includes(op.tags[0]!)]).toEqual([path, method, true]);
    for (const [status, response] of Object.entries(op.responses))
      for (const media of Object.values(response.content ?? {}))
        expect([path, method, status, !!media.schema]).toEqual([path, method, status, true]);
    // Keyed routes name their 401; only /healthz and the dialer's ResultDestination (a signed token per call) take no key.
    expect([path, op.security === undefined ? '401' in op.responses : OPEN_PATHS.includes(path)]).toEqual([path, true]);
  }
});

test('request and response schemas come from the zod schemas', () => {
  const create = doc.paths['/v1/deliveries']!.post!;
  const contacts = (create.requestBody!.content['application/json']!.schema.properties as Record<string, { maxItems?: number }>).contacts!;
  expect(contacts.maxItems).toBe(5);
  expect(create.responses['201']!.content!['application/json']!.schema).toBeDefined();
  const me = doc.paths['/v1/me']!.get!;
  expect(me.responses['200']!.content!['application/json']!.schema).toMatchObject({
    properties: { roles: { type: 'array', items: { enum: ['admin', 'supervisor', 'agent', 'integration'] } } },
  });
  const board = doc.paths['/v1/engagements/{engagementId}/board']!.get!.responses['200']!.content!['application/json']!.schema!;
  expect(Object.keys(board.properties as object)).toEqual(
    expect.arrayContaining(['tiles', 'representatives', 'dialing', 'abandonment', 'backlog', 'series']),
  );
  expect(doc.paths['/v1/deliveries']!.post!.responses['400']!.content!['application/json']!.schema).toMatchObject({
    properties: { error: { properties: { code: { type: 'string' } } } },
  });
});

test('every route the app serves is documented, and nothing else', () => {
  const served = appRoutes().filter((r) => !UNDOCUMENTED.has(r));
  const documented = operations.map((o) => `${o.method.toUpperCase()} ${o.path}`);
  expect([...new Set(served)].sort()).toEqual([...new Set(documented)].sort());
});
