/**
 * How a route's documentation is written: one `operation(...)` call per route, in the registry module of
 * its tag (api/openApi<Tag>.ts), with the zod schemas the route validates its request with and the
 * response schemas of api/schemas/responses.ts. The document (api/openapi.ts) is generated from them
 * by @asteasolutions/zod-to-openapi; nothing here is a hand-written JSON schema.
 */
import { OpenAPIRegistry, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { Role } from '../domain/roles';
import { errorResponse } from './schemas/responses';

export { OpenAPIRegistry };

/** Tags, in the order the document lists them. */
export const TAGS = [
  { name: 'Deliveries', description: 'Create, find, explain and cancel deliveries' },
  { name: 'Previews', description: "An agent's preview offers and dispositions" },
  { name: 'Engagements', description: 'Engagement settings' },
  { name: 'Campaigns', description: 'Live campaigns: pause, resume, priority, the board, dispatch and pacing' },
  { name: 'Reports', description: 'Totals and exports' },
  { name: 'Uploads', description: 'CSV contact lists' },
  { name: 'Policies', description: 'Cancellation and suppression policies' },
  { name: 'Seed compatible', description: "The product's own actions, for integrations written against it" },
  { name: 'System', description: 'Health, identity, metrics and this document' },
] as const;
export type Tag = (typeof TAGS)[number]['name'];

type Json = z.ZodType;
export interface OperationDoc {
  tag: Tag;
  method: RouteConfig['method'];
  /** The Express path (`/v1/deliveries/:deliveryId`), written as the route writes it. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** Roles the route accepts (admin is accepted everywhere); empty: no key needed. */
  roles: readonly Role[];
  params?: RouteConfig['request'] extends infer R ? (R extends { params?: infer P } ? P : never) : never;
  query?: RouteConfig['request'] extends infer R ? (R extends { query?: infer Q } ? Q : never) : never;
  headers?: z.ZodObject;
  body?: Json;
  bodyRequired?: boolean;
  /** Another body type than JSON (an upload's CSV). */
  rawBody?: { contentType: string; description: string };
  responses: Record<number, { description: string; schema?: Json; contentType?: string }>;
  /** Error statuses beyond the 400/401/403 every keyed route may answer. */
  errors?: number[];
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid request: each failing field is named',
  401: 'Missing or unknown API key',
  403: "The key's roles do not allow this",
  404: 'Not found',
  409: 'Conflict: not applied, and why',
  413: 'Too large',
  415: 'Unsupported content type',
  503: 'A dependency is unavailable',
};

const toOpenApiPath = (expressPath: string) => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** Registers one route's documentation. */
export function operation(registry: OpenAPIRegistry, op: OperationDoc): void {
  const keyed = op.roles.length > 0;
  const errors = [...new Set([...(keyed ? [400, 401, 403] : []), ...(op.errors ?? [])])].sort();
  const responses: RouteConfig['responses'] = {};
  for (const [status, r] of Object.entries(op.responses))
    responses[status] = {
      description: r.description,
      ...(r.schema ? { content: { [r.contentType ?? 'application/json']: { schema: r.schema } } } : {}),
    };
  for (const status of errors)
    responses[String(status)] = {
      description: ERROR_TEXT[status] ?? 'Error',
      content: { 'application/json': { schema: errorResponse } },
    };
  const roleText = keyed ? `Roles: ${op.roles.join(', ')} (admin passes everywhere).` : 'No key needed.';
  registry.registerPath({
    method: op.method,
    path: toOpenApiPath(op.path),
    tags: [op.tag],
    operationId: op.operationId,
    summary: op.summary,
    description: [op.description, roleText].filter(Boolean).join('\n\n'),
    ...(keyed ? {} : { security: [] }),
    request: {
      ...(op.params ? { params: op.params } : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(op.headers ? { headers: op.headers } : {}),
      ...(op.body
        ? { body: { required: op.bodyRequired ?? true, content: { 'application/json': { schema: op.body } } } }
        : op.rawBody
          ? {
              body: {
                required: true,
                description: op.rawBody.description,
                content: { [op.rawBody.contentType]: { schema: { type: 'string', format: 'binary' } } },
              },
            }
          : {}),
    },
    responses,
  });
}

/** A path parameter that is an id (path schemas the routes read with their own checks). */
export const idPath = <K extends string>(name: K) => z.object({ [name]: z.string().min(1) } as Record<K, z.ZodString>);
