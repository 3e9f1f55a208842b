/** Delivery statuses and results, exactly as the reporting table (seed 002) names them. */
export const DELIVERY_STATUSES = ['Pending', 'InProcess', 'Complete', 'Expired', 'Cancelled', 'Error'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

// Plus CSRCancelled, a preview the representatives kept declining (domain/delivery/previewDecline.ts):
// the product's outcomes page (reference §5), not seed 002's stale list, is authoritative.
export const VOICE_RESULTS = ['CallEnded', 'CallFailed', 'BotFailed', 'Expired', 'Cancelled', 'Error', 'CSRCancelled'] as const;
export const SMS_RESULTS = ['MessageSent', 'MessageFailed', 'Expired', 'Cancelled', 'Error'] as const;
export type DeliveryResult = (typeof VOICE_RESULTS)[number] | (typeof SMS_RESULTS)[number];

export const CHANNELS = ['voice', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A delivery in one of these statuses will not change again. */
export function isFinalStatus(status: DeliveryStatus): boolean {
  return status === 'Complete' || status === 'Expired' || status === 'Cancelled' || status === 'Error';
}
