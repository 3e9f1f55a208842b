import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DeliveryResult, DeliveryStatus } from '../domain/delivery/deliveryStatus';

export interface CancelRequest {
  reason: string;
  /** The cancellation policy that asked for it, when one did. */
  policyId?: string;
}

export interface DispositionsPosted {
  /** The call the representative handled. */
  callId: string;
  codes: string[];
}

export interface DeliveryState {
  status: DeliveryStatus;
  result?: DeliveryResult;
  attempt: number;
  nextAttemptAt?: string;
  /** Set while the delivery waits for its dispatcher to grant a dial slot (or holds a preview offer). */
  dispatch?: 'waiting' | 'offered' | 'accepted' | 'granted';
  /** Set while the workflow waits on a timer (nothing else running): when that timer fires. */
  timerUntil?: string;
  cancelRequested: boolean;
}

export interface DeliveryOutcome {
  status: DeliveryStatus;
  result?: DeliveryResult;
  detail?: string;
  followUpDeliveryId?: string;
}

/** Honoured only while the delivery is queued; a call in progress finishes first. */
export const cancelDeliverySignal = defineSignal<[CancelRequest]>('cancelDelivery');
/** Disposition codes a representative set on a call; a retry code makes the call count as unreached. */
export const dispositionsPostedSignal = defineSignal<[DispositionsPosted]>('dispositionsPosted');
export const deliveryStateQuery = defineQuery<DeliveryState>('deliveryState');

/** The dispatcher's answer to a delivery waiting for a slot: dial now, or (preview) offer it to a representative. */
export interface DialSlotGrant {
  grantId: string;
  kind: 'dial' | 'offer';
}
export const dialSlotGrantedSignal = defineSignal<[DialSlotGrant]>('dialSlotGranted');

export interface PreviewAcceptance {
  representativeId: string;
}
/** Preview: a representative takes the offered delivery; the call starts after the countdown or on demand. */
export const acceptPreviewUpdate = defineUpdate<{ startsAt: string | null }, [PreviewAcceptance]>('acceptPreview');
/** Preview: the representative who accepted starts the call now. */
export const startPreviewCallUpdate = defineUpdate<{ started: true }, [PreviewAcceptance]>('startPreviewCall');

export interface PreviewDeclineRequest {
  representativeId: string;
  reason?: string;
}
/**
 * Preview: a representative declines the open offer, or cancels the one they accepted, before the call
 * starts (result CSRCancelled; what follows: domain/delivery/previewDecline.ts).
 */
export const declinePreviewUpdate = defineUpdate<{ declined: true; afterAccept: boolean }, [PreviewDeclineRequest]>('declinePreview');
