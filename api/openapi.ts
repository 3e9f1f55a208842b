import { z } from 'zod';
import { cancellationPolicyBody } from './schemas/cancellationPolicy';
import { deliveryListQuery } from './schemas/deliveryList';
import { pauseBody, previewActionBody, priorityBody, resumeBody } from './schemas/campaignControl';
import { deliveryRequestSchema } from './schemas/deliveryRequest';
import { engagementConfigSchema } from './schemas/engagement';
import { seedVoiceDeliverySchema } from './schemas/seedVoiceDelivery';
import { errorsQuery, uploadQuery } from './schemas/uploads';

/** JSON Schema of a request body, as the client sends it (before transforms such as E.164 normalisation). */
function schemaOf(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' } as Parameters<
    typeof z.toJSONSchema
  >[1]) as Record<string, unknown>;
}

const errorResponse = {
  description: 'error',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string' },
              message: { type: 'string' },
              fields: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
            },
          },
        },
      },
    },
  },
};

const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: schemaOf(schema) } } });
const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const errors = { '400': errorResponse, '401': errorResponse, '403': errorResponse };

/** The OpenAPI 3.0 document served at /openapi.json, generated from the same zod schemas the API validates with. */
export function openApiDocument(): Record<string, unknown> {
  const queryParams = (schema: z.ZodType) =>
    Object.entries((schemaOf(schema).properties ?? {}) as Record<string, object>).map(([name, schema]) => ({
      name,
      in: 'query',
      required: false,
      schema,
    }));
  const listParams = Object.entries((schemaOf(deliveryListQuery).properties ?? {}) as Record<string, object>).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    schema,
  }));
  return {
    openapi: '3.0.3',
    info: {
      title: 'Proactive engagement engine',
      version: '0.1.0',
      description: 'Durable voice and SMS deliveries on Temporal. Every endpoint but /healthz needs a bearer API key.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths: {
      '/healthz': { get: { security: [], summary: 'Health (checks the database)', responses: { '200': json('ok') } } },
      '/api/data/v9.2/CCaaS_CreateProactiveVoiceDelivery': {
        post: {
          summary: 'Seed-compatible voice delivery (Windows may also be a JSON string)',
          requestBody: body(seedVoiceDeliverySchema),
          responses: { '200': json('{"@odata.context", "DeliveryId"}'), ...errors },
        },
      },
      '/v1/deliveries': {
        post: {
          summary: 'Create a delivery to a chain of 1..5 contacts',
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } }],
          requestBody: body(deliveryRequestSchema),
          responses: {
            '201': json('created'),
            '200': json('same Idempotency-Key: the existing delivery'),
            '409': errorResponse,
            ...errors,
          },
        },
        get: {
          summary: 'List deliveries (newest first, cursor pagination)',
          parameters: listParams,
          responses: { '200': json('{deliveries, nextCursor}'), ...errors },
        },
      },
      '/v1/deliveries/{deliveryId}': {
        get: {
          summary: 'One delivery with attempts, calls, messages, attributes and events',
          parameters: [idParam('deliveryId')],
          responses: { '200': json('delivery'), '404': errorResponse, ...errors },
        },
      },
      '/v1/deliveries/{deliveryId}/cancel': {
        post: {
          summary: 'Cancel (honoured while queued)',
          parameters: [idParam('deliveryId')],
          requestBody: {
            required: false,
            content: { 'application/json': { schema: { type: 'object', properties: { reason: { type: 'string' } } } } },
          },
          responses: { '202': json('requested'), '409': errorResponse, ...errors },
        },
      },
      '/v1/deliveries/{deliveryId}/dispositions': {
        post: {
          summary: 'Post disposition codes for a call',
          parameters: [idParam('deliveryId')],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['codes'],
                  properties: { callId: { type: 'string' }, codes: { type: 'array', items: { type: 'string' } } },
                },
              },
            },
          },
          responses: { '200': json('stored'), ...errors },
        },
      },
      '/v1/engagements': {
        post: {
          summary: 'Create an engagement (optional engagementId)',
          requestBody: body(engagementConfigSchema),
          responses: { '201': json('created'), '409': errorResponse, ...errors },
        },
        get: { summary: 'List engagements', responses: { '200': json('{engagements}'), ...errors } },
      },
      '/v1/engagements/{engagementId}': {
        get: {
          summary: 'Read an engagement',
          parameters: [idParam('engagementId')],
          responses: { '200': json('engagement'), '404': errorResponse, ...errors },
        },
        put: {
          summary: "Replace an engagement's settings",
          parameters: [idParam('engagementId')],
          requestBody: body(engagementConfigSchema),
          responses: { '200': json('engagement'), '404': errorResponse, ...errors },
        },
      },
      '/v1/engagements/{engagementId}/pause': {
        post: {
          summary: 'Pause a live campaign (update on its dispatcher; calls in progress finish)',
          parameters: [idParam('engagementId')],
          requestBody: { required: false, content: { 'application/json': { schema: schemaOf(pauseBody) } } },
          responses: { '200': json('{engagementId, state, priority, reason}'), '404': errorResponse, '409': errorResponse, ...errors },
        },
      },
      '/v1/engagements/{engagementId}/resume': {
        post: {
          summary: 'Resume a paused campaign (operator or pacing-rule pause)',
          parameters: [idParam('engagementId')],
          requestBody: { required: false, content: { 'application/json': { schema: schemaOf(resumeBody) } } },
          responses: { '200': json('{engagementId, state, priority, reason}'), '404': errorResponse, '409': errorResponse, ...errors },
        },
      },
      '/v1/engagements/{engagementId}/priority': {
        put: {
          summary: "Change a live campaign's priority",
          parameters: [idParam('engagementId')],
          requestBody: body(priorityBody),
          responses: { '200': json('{engagementId, state, priority, reason}'), '404': errorResponse, '409': errorResponse, ...errors },
        },
      },
      '/v1/engagements/{engagementId}/dispatch': {
        get: {
          summary: 'The pool dispatcher: engagements, backlog counts, learnt answer probability',
          parameters: [idParam('engagementId')],
          responses: { '200': json('dispatcher status'), '404': errorResponse, ...errors },
        },
      },
      '/v1/previews': {
        get: {
          summary: 'Deliveries offered for preview (agent)',
          parameters: [
            { name: 'engagementId', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer' } },
          ],
          responses: { '200': json('{previews}'), ...errors },
        },
      },
      '/v1/deliveries/{deliveryId}/preview/accept': {
        post: {
          summary: 'Accept a preview offer; the call starts after the countdown or on /start',
          parameters: [idParam('deliveryId')],
          requestBody: body(previewActionBody),
          responses: { '200': json('{accepted, startsAt}'), '409': errorResponse, ...errors },
        },
      },
      '/v1/deliveries/{deliveryId}/preview/start': {
        post: {
          summary: 'Start an accepted preview call now',
          parameters: [idParam('deliveryId')],
          requestBody: body(previewActionBody),
          responses: { '200': json('{started}'), '409': errorResponse, ...errors },
        },
      },
      '/v1/engagements/{engagementId}/report': {
        get: {
          summary: 'Totals: deliveries by status/result, calls, answer and abandonment rates, SMS',
          parameters: [idParam('engagementId')],
          responses: { '200': json('report'), ...errors },
        },
      },
      '/v1/engagements/{engagementId}/export': {
        get: {
          summary: 'Seed-002 reporting rows (deliveries or attributes) as JSON or CSV',
          parameters: [
            idParam('engagementId'),
            { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'] } },
            { name: 'table', in: 'query', schema: { type: 'string', enum: ['deliveries', 'attributes'] } },
          ],
          responses: {
            '200': {
              description: 'rows',
              content: { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: { type: 'string' } } },
            },
            ...errors,
          },
        },
      },
      '/v1/engagements/{engagementId}/uploads': {
        post: {
          summary:
            'Upload a CSV contact list (at most 10 MB; UniqueIdentifier and a phone column required); 202, then validated, stored and scheduled in the background',
          parameters: [idParam('engagementId'), ...queryParams(uploadQuery)],
          requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } } },
          responses: {
            '202': json('upload accepted: {uploadId, state, progress}'),
            '404': errorResponse,
            '409': errorResponse,
            '413': errorResponse,
            '415': errorResponse,
            ...errors,
          },
        },
        get: {
          summary: 'Uploads of an engagement, newest first',
          parameters: [idParam('engagementId'), { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } }],
          responses: { '200': json('{uploads}'), '404': errorResponse, ...errors },
        },
      },
      '/v1/uploads/{uploadId}': {
        get: {
          summary: 'An upload: state (receiving, validating, storing, scheduling, completed, failed), counters, the first 100 row errors',
          parameters: [idParam('uploadId')],
          responses: { '200': json('upload'), '404': errorResponse, ...errors },
        },
      },
      '/v1/uploads/{uploadId}/errors': {
        get: {
          summary: 'Row errors by line, paged (afterLine cursor)',
          parameters: [idParam('uploadId'), ...queryParams(errorsQuery)],
          responses: { '200': json('{errors: [{line, reason}], nextAfterLine}'), '404': errorResponse, ...errors },
        },
      },
      '/v1/cancellation-policies': {
        post: {
          summary: 'Create a cancellation / suppression policy',
          requestBody: body(cancellationPolicyBody),
          responses: { '201': json('policy'), ...errors },
        },
        get: { summary: 'List policies', responses: { '200': json('{policies}'), ...errors } },
      },
      '/v1/cancellation-policies/{policyId}/end': {
        post: {
          summary: 'End a policy',
          parameters: [idParam('policyId')],
          responses: { '200': json('policy'), '404': errorResponse, ...errors },
        },
      },
      '/metrics': {
        get: {
          summary: 'Prometheus metrics (supervisor key)',
          responses: { '200': { description: 'text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } } },
        },
      },
      '/openapi.json': { get: { summary: 'This document (any key)', responses: { '200': json('OpenAPI 3.0 document') } } },
    },
  };
}
