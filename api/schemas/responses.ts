/**
 * What the API answers, as zod schemas: the OpenAPI document's response schemas (api/openApi*.ts) and
 * the types the console reads. Views with many or evolving fields list the ones clients rely on and
 * allow the rest (`catchall`), so the document never claims a field away.
 */
import { z } from 'zod';
import { DELIVERY_STATUSES } from '../../domain/delivery/deliveryStatus';
import { WAIT_REASONS } from '../../domain/delivery/waitingFor';
import { PRIORITIES } from '../../domain/engagement';
import { ROLES } from '../../domain/roles';

const instant = z.string().describe('ISO 8601 instant');
const open = <T extends z.ZodRawShape>(shape: T) => z.object(shape).catchall(z.unknown());

/** Every 4xx/5xx: a code, a message, and each failing field. */
export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const meResponse = z.object({ roles: z.array(z.enum(ROLES)), representativeId: z.string().nullable() });

export const healthResponse = open({ status: z.string() });

export const waitingForView = z.object({
  reason: z.enum(WAIT_REASONS),
  until: instant.optional(),
  detail: open({ text: z.string() }),
});

export const deliverySummary = z.object({
  deliveryId: z.string(),
  engagementId: z.string(),
  channel: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  result: z.string().nullable(),
  contactId: z.string().nullable(),
  toAddress: z.string().nullable(),
  trackingId: z.string().nullable(),
  createdAt: instant,
  resultDate: instant.nullable(),
  parentDeliveryId: z.string().nullable(),
  followUpDeliveryId: z.string().nullable(),
});

export const deliveryListResponse = z.object({ deliveries: z.array(deliverySummary), nextCursor: z.string().nullable() });

/** GET /v1/deliveries/:id: the delivery with its chain, calls, messages, attributes and timeline. */
export const deliveryView = open({
  deliveryId: z.string(),
  conversationId: z.string(),
  engagementId: z.string(),
  channel: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  result: z.string().nullable(),
  workflowId: z.string(),
  temporalUiUrl: z.string().optional(),
  waitingFor: waitingForView.nullable(),
  nextAttemptAt: instant.nullable(),
  contacts: z.array(open({ contactId: z.string() })),
  calls: z.array(open({ callId: z.string(), attemptNumber: z.number().int() })),
  timeline: z.array(open({ seq: z.number().int(), kind: z.string(), at: instant, status: z.string() })),
});

export const explanationResponse = z.object({
  deliveryId: z.string(),
  at: instant,
  callable: z.boolean(),
  rulesSource: z.string(),
  numbers: z.array(
    open({
      numberId: z.string(),
      phoneType: z.string(),
      callable: z.boolean(),
      reasons: z.array(open({ code: z.string() })),
    }),
  ),
});

export const cancelResponse = z.object({ deliveryId: z.string(), cancellation: z.literal('requested'), status: z.string() });

export const dispositionResponse = z.object({
  deliveryId: z.string(),
  callId: z.string(),
  dispositionCodes: z.string().nullable(),
  deliveredToWorkflow: z.boolean(),
});

/** An engagement: its id and state, then its settings (the engagement schema's fields). */
export const engagementView = open({
  engagementId: z.string(),
  name: z.string(),
  channel: z.string(),
  state: z.string(),
  stateReason: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
});
export const engagementListResponse = z.object({ engagements: z.array(engagementView) });

export const controlResult = z.object({
  engagementId: z.string(),
  state: z.enum(['active', 'paused']),
  priority: z.enum(PRIORITIES),
  reason: z.string().nullable().optional(),
});

export const dispatcherStatusResponse = open({
  poolKey: z.string(),
  run: z.number().int(),
  ticks: z.number().int(),
  granted: z.number().int(),
  idle: z.boolean(),
  answerProbability: z.number(),
  engagements: z.array(
    z.object({
      engagementId: z.string(),
      state: z.string(),
      priority: z.enum(PRIORITIES),
      waiting: z.number().int(),
      inFlight: z.number().int(),
      reason: z.string().nullable().optional(),
    }),
  ),
});

export const pacingResponse = z.object({
  engagementId: z.string(),
  from: instant,
  to: instant,
  minutes: z.array(
    open({
      minute: instant,
      pool: z.string(),
      ticks: z.number().int(),
      /** Slots the dispatcher's ticks granted. */
      grants: z.number().int(),
      /** Slots granted at the delivery's request (AI agent pools with room), without a tick. */
      grantsAtRequest: z.number().int(),
    }),
  ),
  decisions: z.array(open({ tickId: z.string(), at: instant, pool: z.string(), kind: z.enum(['grant', 'throttle', 'pause']) })),
  truncated: z.boolean(),
});

export const reportResponse = z.object({
  engagementId: z.string(),
  deliveries: z.object({
    total: z.number().int(),
    byStatus: z.record(z.string(), z.number().int()),
    byResult: z.record(z.string(), z.number().int()),
  }),
  calls: z.object({
    placed: z.number().int(),
    liveAnswers: z.number().int(),
    connected: z.number().int(),
    abandoned: z.number().int(),
    answeringMachines: z.number().int(),
    answerRate: z.number().nullable(),
    abandonmentRate: z.number().nullable(),
  }),
  sms: z.object({ sent: z.number().int(), failed: z.number().int() }),
});

export const exportResponse = z.object({
  engagementId: z.string(),
  table: z.enum(['deliveries', 'attributes']),
  rows: z.array(z.record(z.string(), z.unknown())),
});

export const uploadSummary = open({
  uploadId: z.string(),
  engagementId: z.string(),
  state: z.string(),
  bytes: z.number(),
  progress: z.record(z.string(), z.number().int()),
  error: z.string().nullable(),
});
export const uploadListResponse = z.object({ uploads: z.array(uploadSummary) });
export const rowErrorsResponse = z.object({
  errors: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  nextAfterLine: z.number().int().nullable(),
});

export const policyView = open({
  policyId: z.string(),
  engagementId: z.string().nullable(),
  until: instant.nullable(),
  comment: z.string().nullable(),
  active: z.boolean(),
  cancelledCount: z.number().int().nullable(),
});
export const policyListResponse = z.object({ policies: z.array(policyView) });

export const previewListResponse = z.object({
  previews: z.array(
    z.object({
      deliveryId: z.string(),
      engagementId: z.string(),
      offeredAt: instant.nullable(),
      acceptedBy: z.string().nullable(),
      contactId: z.string().nullable(),
      toAddress: z.string().nullable(),
      trackingId: z.string().nullable(),
      attributes: z.record(z.string(), z.string()),
    }),
  ),
});
export const previewActionResponse = open({ deliveryId: z.string() });

/** The seed-compatible actions' answer. */
export const seedDeliveryResponse = open({ '@odata.context': z.string(), DeliveryId: z.string() });
