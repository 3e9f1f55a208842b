import { type ActivePolicy, type PolicyTarget, suppressingPolicy } from '../cancellationPolicy';
import { windowsOrDefault, type WindowInput } from './windowInputs';
import type { ChainContact, DeliveryPlan } from './deliveryPlan';
import { type EngagementConfig, type EngagementSnapshot, snapshotEngagement } from '../engagement';

/** A delivery request after validation, whichever endpoint it came through. */
export interface NewDeliveryRequest {
  engagementId: string;
  contacts: ChainContact[];
  windows?: WindowInput[];
  inputAttributes?: Record<string, string>;
  trackingId?: string;
  customPriority?: number | string;
  /** The text of an SMS delivery in place of its engagement's template (placeholders still filled). */
  message?: string;
}

/** Where a delivery came from: decides what is stored beside it and who starts its workflow. */
export type DeliveryOrigin =
  | { kind: 'request'; idempotencyKey?: string; requestHash?: string }
  | { kind: 'upload'; uploadId: string }
  | { kind: 'smsFollowUp'; parentDeliveryId: string };

/** The policy a delivery was suppressed by on arrival: stored Cancelled for reporting, never scheduled. */
export interface Suppression {
  policyId: string;
  comment: string;
}

/** A new delivery, whole: what the store writes (row, chain, attributes, first event) and what its workflow gets. */
export interface NewDelivery {
  plan: DeliveryPlan;
  origin: DeliveryOrigin;
  acceptedAt: Date;
  queueId: string;
  dialMode: string | null;
  fromAddress: string | null;
  trackingId?: string;
  /** The input attributes, plus Priority when given (dispatch's custom call order reads it from there). */
  storedAttributes: Record<string, string>;
  suppression?: Suppression;
  firstEvent: { status: 'Pending' | 'Cancelled'; detail: string };
  /** Started in the unit of work that stores it (request, SMS follow-up); an upload's are started later, in batches. */
  startsWithStore: boolean;
}

export interface NewDeliveryIds {
  deliveryId: string;
  conversationId: string;
}

/** The workflow input of a new delivery: fixed at acceptance, the engagement's settings snapshotted; no windows means the next 24 hours. */
export function newDeliveryPlan(
  ids: NewDeliveryIds,
  engagementId: string,
  config: EngagementConfig,
  delivery: {
    contacts: ChainContact[];
    windows?: WindowInput[];
    inputAttributes?: Record<string, string>;
    parentDeliveryId?: string;
    message?: string;
  },
  now: Date,
  engagementSnapshot: EngagementSnapshot = snapshotEngagement(engagementId, config),
): DeliveryPlan {
  // The workflow renders the snapshot's text, so an override is fixed into the plan like the rest of it.
  const snapshot =
    delivery.message !== undefined && engagementSnapshot.sms
      ? { ...engagementSnapshot, sms: { ...engagementSnapshot.sms, messageText: delivery.message } }
      : engagementSnapshot;
  return {
    deliveryId: ids.deliveryId,
    conversationId: ids.conversationId,
    channel: config.channel,
    windows: windowsOrDefault(delivery.windows, now),
    contacts: delivery.contacts,
    engagement: snapshot,
    inputAttributes: delivery.inputAttributes ?? {},
    ...(delivery.parentDeliveryId ? { parentDeliveryId: delivery.parentDeliveryId } : {}),
  };
}

export function policyTarget(plan: DeliveryPlan): PolicyTarget {
  return { engagementId: plan.engagement.engagementId, contacts: plan.contacts };
}

/** Suppression on arrival: the oldest active policy that matches, once for every entry point. */
export function suppressionOf(policies: readonly ActivePolicy[], plan: DeliveryPlan, now: Date): Suppression | undefined {
  const policy = suppressingPolicy(policies, policyTarget(plan), now);
  return policy ? { policyId: policy.policyId, comment: policy.comment } : undefined;
}

export interface NewDeliveryOptions {
  origin: DeliveryOrigin;
  now: Date;
  policies: readonly ActivePolicy[];
  trackingId?: string;
  customPriority?: number | string;
}

/** A new delivery from its plan: suppression decided, first event and stored columns chosen. */
export function newDelivery(plan: DeliveryPlan, config: EngagementConfig, o: NewDeliveryOptions): NewDelivery {
  const suppression = suppressionOf(o.policies, plan, o.now);
  const storedAttributes = { ...plan.inputAttributes };
  if (o.customPriority !== undefined) storedAttributes.Priority = String(o.customPriority);
  const followUp = o.origin.kind === 'smsFollowUp';
  return {
    plan,
    origin: o.origin,
    acceptedAt: o.now,
    queueId: config.routing.queueId,
    // An SMS follow-up is sent from the SMS sender number and dials nothing.
    dialMode: followUp ? null : config.dialMode,
    fromAddress: followUp ? (config.sms?.senderNumber ?? null) : config.routing.queueDisplayNumber,
    trackingId: o.trackingId,
    storedAttributes,
    suppression,
    firstEvent: suppression
      ? { status: 'Cancelled', detail: `cancelled on arrival by policy ${suppression.policyId}: ${suppression.comment}` }
      : {
          status: 'Pending',
          detail: o.origin.kind === 'smsFollowUp' ? `SMS follow-up of voice delivery ${o.origin.parentDeliveryId}` : 'accepted',
        },
    startsWithStore: !suppression && o.origin.kind !== 'upload',
  };
}
