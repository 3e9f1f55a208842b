import { z } from 'zod';
import { DELIVERY_FIELD_MAX as MAX } from '../../domain/delivery/deliveryLimits';
import { requiredText, text } from './common';
import { apiVersion, jsonStringOr } from './seedShared';

/** Enough for the product's context names and values; they feed routing rules we do not have (README). */
const CONTEXT_MAX = { items: 50, name: 100, value: 1000 } as const;

/** The product's context-item data types: 192350000 Text, 192350001 Integer. */
export const CONTEXT_ITEM_DATATYPES = ['192350000', '192350001'] as const;

const contextItem = z.object({
  value: z.union([text(CONTEXT_MAX.value), z.number()]),
  isDisplayable: z.boolean().optional(),
  datatype: z.enum(CONTEXT_ITEM_DATATYPES).optional(),
});

function boundedRecord<T extends z.ZodType>(value: T) {
  return z
    .record(requiredText(CONTEXT_MAX.name), value)
    .refine((r) => Object.keys(r).length <= CONTEXT_MAX.items, { message: `at most ${CONTEXT_MAX.items} items` });
}

/** `{ "<name>": { value, isDisplayable, datatype } }`, as JSON or a string holding it. */
export const customContextItems = jsonStringOr(boundedRecord(contextItem));
/** Engagement-context attributes (`{"msdyn_browser":"Edge"}`), as JSON or a string holding it. */
export const channelEngagementContext = jsonStringOr(boundedRecord(z.union([text(CONTEXT_MAX.value), z.number(), z.boolean()])));

/**
 * POST /api/data/v9.2/CCaaS_GetRepresentativeAvailabilityBeforeConversation. The product resolves a
 * queue from the workstream's routing rules; here LiveWorkStreamId names an engagement, whose routing
 * queue is the answer's queue.
 */
export const availabilityBeforeConversationSchema = z.object({
  ApiVersion: apiVersion,
  LiveWorkStreamId: requiredText(MAX.identifier),
  CustomContextItems: customContextItems.optional(),
  ChannelEngagementContext: channelEngagementContext.optional(),
});

/** POST /api/data/v9.2/CCaaS_GetRepresentativeAvailabilityForConversation: the conversation of one of our deliveries. */
export const availabilityForConversationSchema = z.object({
  ApiVersion: apiVersion,
  ConversationId: requiredText(MAX.identifier),
  CustomContextItems: customContextItems.optional(),
});

/** The average wait reported is over the engagement's live answers of the last hour. */
export const AVERAGE_WAIT_WINDOW_MS = 60 * 60 * 1000;

/** What the product writes for "no such instant": the start of time while a queue is open, the end of time when none is known. */
export const NO_INSTANT = '0001-01-01T00:00:00Z';
export const NO_TRANSITION_KNOWN = '9999-12-31T23:59:59Z';

/** The product's availability response (its sample's PascalCase names). */
export const representativeAvailabilityResponse = z.object({
  '@odata.context': z.string(),
  QueueId: z.string(),
  IsQueueAvailable: z.boolean(),
  StartTimeOfNextOperatingHour: z.string(),
  EndTimeOfNextOperatingHour: z.string(),
  NextTransitionTime: z.string(),
  PositionInQueue: z.number().int().min(0),
  IsAgentAvailable: z.boolean(),
  AverageWaitTime: z.number().min(0).nullable(),
  AverageWaitTimeInSeconds: z.number().int().min(0).nullable(),
  NumberOfExpertsAvailableInQueue: z.number().int().min(0),
});
export type RepresentativeAvailabilityResponse = z.infer<typeof representativeAvailabilityResponse>;

export interface QueueFacts {
  queueId: string;
  withinOperatingHours: boolean;
  availableRepresentatives: number;
  /** The engine's measured wait from live answer to representative, recent calls; null without any. */
  averageWaitMs: number | null;
}

/**
 * The product's fields from what the engine knows. The availability source tells whether the queue is
 * open now but not its schedule, so the operating-hour instants say "none known"; our outbound
 * customers never wait in an inbound queue, so the position is 0.
 */
export function representativeAvailability(context: string, q: QueueFacts): RepresentativeAvailabilityResponse {
  const seconds = q.averageWaitMs === null ? null : Math.round(q.averageWaitMs / 1000);
  return {
    '@odata.context': context,
    QueueId: q.queueId,
    IsQueueAvailable: q.withinOperatingHours,
    StartTimeOfNextOperatingHour: NO_INSTANT,
    EndTimeOfNextOperatingHour: NO_INSTANT,
    NextTransitionTime: NO_TRANSITION_KNOWN,
    PositionInQueue: 0,
    IsAgentAvailable: q.availableRepresentatives > 0,
    AverageWaitTime: seconds === null ? null : Math.round((seconds / 60) * 100) / 100,
    AverageWaitTimeInSeconds: seconds,
    NumberOfExpertsAvailableInQueue: q.availableRepresentatives,
  };
}
