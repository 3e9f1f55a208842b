/** The documentation of the system and policy routes (tags System, Policies). */
import { z } from 'zod';
import { idPath, type OpenAPIRegistry, operation } from './openApiRegistry';
import { cancellationPolicyBody } from './schemas/cancellationPolicy';
import { healthResponse, meResponse, policyListResponse, policyView } from './schemas/responses';

export function registerSystemOperations(r: OpenAPIRegistry): void {
  operation(r, {
    tag: 'System',
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    summary: 'Health (checks the database)',
    roles: [],
    responses: { 200: { description: 'Healthy', schema: healthResponse } },
    errors: [503],
  });
  operation(r, {
    tag: 'System',
    method: 'get',
    path: '/v1/me',
    operationId: 'getMe',
    summary: 'The roles of the calling key (what the console shows)',
    roles: ['admin', 'supervisor', 'agent', 'integration'],
    responses: { 200: { description: 'Roles', schema: meResponse } },
  });
  operation(r, {
    tag: 'System',
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    summary: 'Prometheus metrics of this API process (HTTP requests, process)',
    roles: ['supervisor'],
    responses: { 200: { description: 'Text exposition format', schema: z.string(), contentType: 'text/plain' } },
  });
  operation(r, {
    tag: 'System',
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This document',
    roles: ['admin', 'supervisor', 'agent', 'integration'],
    responses: { 200: { description: 'OpenAPI 3.0 document', schema: z.record(z.string(), z.unknown()) } },
  });
  operation(r, {
    tag: 'Policies',
    method: 'post',
    path: '/v1/cancellation-policies',
    operationId: 'createCancellationPolicy',
    summary: 'Create a cancellation / suppression policy',
    roles: ['admin'],
    body: cancellationPolicyBody,
    responses: { 201: { description: 'Created', schema: policyView } },
  });
  operation(r, {
    tag: 'Policies',
    method: 'post',
    path: '/v1/cancellation-policies/dry-run',
    operationId: 'dryRunCancellationPolicy',
    summary: 'How many queued deliveries a policy would cancel now, without creating it',
    roles: ['admin'],
    body: cancellationPolicyBody,
    responses: { 200: { description: 'The count', schema: z.object({ wouldCancel: z.number().int().min(0) }) } },
  });
  operation(r, {
    tag: 'Policies',
    method: 'get',
    path: '/v1/cancellation-policies',
    operationId: 'listCancellationPolicies',
    summary: 'List policies',
    roles: ['admin', 'supervisor'],
    responses: { 200: { description: 'Policies', schema: policyListResponse } },
  });
  operation(r, {
    tag: 'Policies',
    method: 'post',
    path: '/v1/cancellation-policies/:policyId/end',
    operationId: 'endCancellationPolicy',
    summary: 'End a policy',
    roles: ['admin'],
    params: idPath('policyId'),
    responses: { 200: { description: 'The ended policy', schema: policyView } },
    errors: [404],
  });
}
