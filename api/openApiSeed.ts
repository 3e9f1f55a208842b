/** The documentation of the product's own actions served for compatibility (tag Seed compatible), beyond the create actions. */
import { z } from 'zod';
import { type OpenAPIRegistry, operation } from './openApiRegistry';
import { AVAILABILITY_BEFORE_CONVERSATION, AVAILABILITY_FOR_CONVERSATION } from './routes/seedAvailability';
import { SEED_BULK_ACTIONS } from './routes/seedBulkDeliveries';
import { SEED_API_ROOT } from './routes/seedRoutes';
import { RESULT_DESTINATION_PATH } from '../runtime/resultDestination';
import {
  availabilityBeforeConversationSchema,
  availabilityForConversationSchema,
  representativeAvailabilityResponse,
} from './schemas/seedAvailability';
import { seedBulkEnvelopeSchema, seedBulkResponseSchema } from './schemas/seedBulkDelivery';
import {
  deliveryTaskId,
  seedCancelDeliveryTaskResponseSchema,
  seedCancelDeliveryTaskSchema,
  seedGetDeliveryTasksResponseSchema,
} from './schemas/seedDeliveryTasks';
import { seedOperationResponseSchema, seedOperationSchema } from './schemas/seedOperation';
import {
  pushedCallResultResponse,
  pushedCallResult,
  pushedCallResults,
  resultDestinationPath,
  resultDestinationQuery,
} from './schemas/resultDestination';

const SEED_ROLES = ['integration', 'agent', 'supervisor'] as const;

/** The OData key path GetDeliveryTasks is documented under (the route also takes v9.0, quotes, an alias or a query). */
export const GET_DELIVERY_TASKS_DOC_PATH = `${SEED_API_ROOT}/CCaaS_GetDeliveryTasks(DeliveryTaskId={DeliveryTaskId})`;

export function registerSeedOperations(r: OpenAPIRegistry): void {
  for (const action of SEED_BULK_ACTIONS)
    operation(r, {
      tag: 'Seed compatible',
      method: 'post',
      path: `${SEED_API_ROOT}/${action}`,
      operationId: `seed${action.replace('CCaaS_', '')}`,
      summary: 'Bulk deliveries: every valid record stored in one transaction, each bad one named by index',
      roles: [...SEED_ROLES],
      body: seedBulkEnvelopeSchema,
      responses: { 200: { description: 'Stored (bad records listed in Errors)', schema: seedBulkResponseSchema } },
      errors: [409, 413, 415, 503],
    });
  operation(r, {
    tag: 'Seed compatible',
    method: 'post',
    path: `${SEED_API_ROOT}/CCaaS_CreateOperation`,
    operationId: 'seedCreateOperation',
    summary: 'Suspend or resume an engagement, cancel a delivery or every queued delivery of an engagement',
    roles: ['integration', 'supervisor'],
    body: seedOperationSchema,
    responses: { 202: { description: 'Accepted', schema: seedOperationResponseSchema } },
    errors: [404, 409],
  });
  operation(r, {
    tag: 'Seed compatible',
    method: 'get',
    path: GET_DELIVERY_TASKS_DOC_PATH,
    operationId: 'seedGetDeliveryTasks',
    summary: 'A delivery task: retry counts, next scheduled time, its calls and the contact chaining status',
    roles: [...SEED_ROLES],
    params: z.object({ DeliveryTaskId: deliveryTaskId }),
    responses: { 200: { description: 'The task', schema: seedGetDeliveryTasksResponseSchema } },
    errors: [404],
  });
  operation(r, {
    tag: 'Seed compatible',
    method: 'post',
    path: `${SEED_API_ROOT}/CCaaS_CancelDeliveryTask`,
    operationId: 'seedCancelDeliveryTask',
    summary: 'Cancel a delivery task',
    roles: ['integration', 'supervisor'],
    body: seedCancelDeliveryTaskSchema,
    responses: { 202: { description: 'Cancel requested', schema: seedCancelDeliveryTaskResponseSchema } },
    errors: [404, 409],
  });
  for (const [action, operationId, body] of [
    [AVAILABILITY_BEFORE_CONVERSATION, 'seedAvailabilityBeforeConversation', availabilityBeforeConversationSchema],
    [AVAILABILITY_FOR_CONVERSATION, 'seedAvailabilityForConversation', availabilityForConversationSchema],
  ] as const)
    operation(r, {
      tag: 'Seed compatible',
      method: 'post',
      path: `${SEED_API_ROOT}/${action}`,
      operationId,
      summary: "Representative availability from the engine's availability source and the queue's hours",
      roles: [...SEED_ROLES],
      body,
      responses: { 200: { description: 'Availability', schema: representativeAvailabilityResponse } },
      errors: [404, 503],
    });
  operation(r, {
    tag: 'Seed compatible',
    method: 'post',
    path: `${RESULT_DESTINATION_PATH}/:conversationId`,
    operationId: 'pushCallResult',
    summary: "ResultDestination: the dialer pushes a call's result (authenticated by the call's signed token, not an API key)",
    roles: [],
    params: resultDestinationPath,
    query: resultDestinationQuery,
    body: z.union([pushedCallResult, pushedCallResults]),
    responses: { 200: { description: 'Stored (stored: false for a repeat)', schema: pushedCallResultResponse } },
    errors: [400, 401, 404, 409],
  });
}
