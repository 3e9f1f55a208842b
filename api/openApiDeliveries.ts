/** The documentation of the delivery routes (tags Deliveries, Previews, Seed compatible). */
import { z } from 'zod';
import { idPath, type OpenAPIRegistry, operation } from './openApiRegistry';
import { previewActionBody, previewDeclineBody, previewListQuery } from './schemas/campaignControl';
import { cancelBody, dispositionBody } from './schemas/deliveryActions';
import { deliveryListQuery } from './schemas/deliveryList';
import { deliveryRequestSchema } from './schemas/deliveryRequest';
import {
  cancelResponse,
  deliveryListResponse,
  deliveryView,
  dispositionResponse,
  explanationResponse,
  previewActionResponse,
  previewListResponse,
  seedDeliveryResponse,
} from './schemas/responses';
import { seedProactiveDeliverySchema } from './schemas/seedProactiveDelivery';
import { seedSimpleDeliverySchema, seedSmsDeliverySchema } from './schemas/seedSimpleDeliveries';
import { seedVoiceDeliverySchema } from './schemas/seedVoiceDelivery';
import { SEED_API_ROOT } from './routes/seedRoutes';

const deliveryPath = idPath('deliveryId');

export function registerDeliveryOperations(r: OpenAPIRegistry): void {
  operation(r, {
    tag: 'Deliveries',
    method: 'post',
    path: '/v1/deliveries',
    operationId: 'createDelivery',
    summary: 'Create a delivery to a chain of 1..5 contacts',
    roles: ['integration'],
    headers: z.object({ 'Idempotency-Key': z.string().optional() }),
    body: deliveryRequestSchema,
    responses: {
      201: { description: 'Created', schema: deliveryView },
      200: { description: 'Same Idempotency-Key and body: the delivery it created', schema: deliveryView },
    },
    errors: [409],
  });
  operation(r, {
    tag: 'Deliveries',
    method: 'get',
    path: '/v1/deliveries',
    operationId: 'listDeliveries',
    summary: 'List deliveries, newest first, filtered, cursor-paginated',
    roles: ['integration', 'supervisor'],
    query: deliveryListQuery,
    responses: { 200: { description: 'A page of deliveries', schema: deliveryListResponse } },
  });
  operation(r, {
    tag: 'Deliveries',
    method: 'get',
    path: '/v1/deliveries/:deliveryId',
    operationId: 'getDelivery',
    summary: 'A delivery: chain, calls, messages, attributes, what it waits for and its timeline',
    roles: ['integration', 'supervisor', 'agent'],
    params: deliveryPath,
    responses: { 200: { description: 'The delivery', schema: deliveryView } },
    errors: [404],
  });
  operation(r, {
    tag: 'Deliveries',
    method: 'get',
    path: '/v1/deliveries/:deliveryId/explain',
    operationId: 'explainDelivery',
    summary: 'Whether and why each number of the delivery is callable at an instant',
    roles: ['integration', 'supervisor', 'agent'],
    params: deliveryPath,
    query: z.object({ at: z.string().optional().describe('ISO 8601 instant (default: now)') }),
    responses: { 200: { description: 'The explanation', schema: explanationResponse } },
    errors: [404],
  });
  operation(r, {
    tag: 'Deliveries',
    method: 'post',
    path: '/v1/deliveries/:deliveryId/cancel',
    operationId: 'cancelDelivery',
    summary: 'Cancel a delivery (honoured while it is queued)',
    roles: ['supervisor'],
    params: deliveryPath,
    body: cancelBody,
    bodyRequired: false,
    responses: { 202: { description: 'Cancellation requested', schema: cancelResponse } },
    errors: [404, 409],
  });
  operation(r, {
    tag: 'Previews',
    method: 'post',
    path: '/v1/deliveries/:deliveryId/dispositions',
    operationId: 'postDispositions',
    summary: "Post disposition codes for a delivery's call",
    roles: ['agent'],
    params: deliveryPath,
    body: dispositionBody,
    responses: { 200: { description: 'Stored', schema: dispositionResponse } },
    errors: [404, 409],
  });
  operation(r, {
    tag: 'Previews',
    method: 'get',
    path: '/v1/previews',
    operationId: 'listPreviews',
    summary: 'Deliveries offered for preview',
    roles: ['agent', 'supervisor'],
    query: previewListQuery,
    responses: { 200: { description: 'Offers', schema: previewListResponse } },
  });
  operation(r, {
    tag: 'Previews',
    method: 'post',
    path: '/v1/deliveries/:deliveryId/preview/accept',
    operationId: 'acceptPreview',
    summary: 'Accept a preview offer; the call starts after the countdown or on start',
    roles: ['agent', 'supervisor'],
    params: deliveryPath,
    body: previewActionBody,
    responses: { 200: { description: 'Accepted', schema: previewActionResponse } },
    errors: [404, 409],
  });
  operation(r, {
    tag: 'Previews',
    method: 'post',
    path: '/v1/deliveries/:deliveryId/preview/start',
    operationId: 'startPreview',
    summary: 'Start an accepted preview call now',
    roles: ['agent', 'supervisor'],
    params: deliveryPath,
    body: previewActionBody,
    responses: { 200: { description: 'Started', schema: previewActionResponse } },
    errors: [404, 409],
  });
  operation(r, {
    tag: 'Previews',
    method: 'post',
    path: '/v1/deliveries/:deliveryId/preview/decline',
    operationId: 'declinePreview',
    summary: 'Decline a preview offer, or cancel an accepted one before the call starts (CSRCancelled; offered again later)',
    roles: ['agent', 'supervisor'],
    params: deliveryPath,
    body: previewDeclineBody,
    bodyRequired: false,
    responses: { 200: { description: 'Declined', schema: previewActionResponse } },
    errors: [404, 409],
  });
  const seed = [
    [
      'CCaaS_CreateProactiveVoiceDelivery',
      'seedCreateVoiceDelivery',
      'Voice delivery (seed 001; Windows may be a JSON string)',
      seedVoiceDeliverySchema,
    ],
    ['CCaaS_CreateProactiveDelivery', 'seedCreateProactiveDelivery', "The product's current create action", seedProactiveDeliverySchema],
    ['CCaaS_CreateSimpleProactiveDelivery', 'seedCreateSimpleDelivery', 'Simple voice delivery', seedSimpleDeliverySchema],
    ['CCaaS_CreateProactiveSMSDelivery', 'seedCreateSmsDelivery', 'SMS delivery', seedSmsDeliverySchema],
  ] as const;
  for (const [action, operationId, summary, body] of seed)
    operation(r, {
      tag: 'Seed compatible',
      method: 'post',
      path: `${SEED_API_ROOT}/${action}`,
      operationId,
      summary,
      roles: ['integration', 'agent', 'supervisor'],
      body,
      responses: { 200: { description: 'Accepted', schema: seedDeliveryResponse } },
      errors: [409],
    });
}
