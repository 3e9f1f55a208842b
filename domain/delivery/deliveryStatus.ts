/** Delivery statuses and results, exactly as the reporting table (seed 002) names them. */
export const DELIVERY_STATUSES = ['Pending', 'InProcess', 'Complete', 'Expired', 'Cancelled', 'Error'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const VOICE_RESULTS = ['CallEnded', 'CallFailed', 'BotFailed', 'Expired', 'Cancelled', 'Error'] as const;
export const SMS_RESULTS = ['MessageSent', 'MessageFailed', 'Expired', 'Cancelled', 'Error'] as const;
export type DeliveryResult = (typeof VOICE_RESULTS)[number] | (typeof SMS_RESULTS)[number];

export const CHANNELS = ['voice', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A delivery in one of these statuses will not change again. */
export function isFinalStatus(status: DeliveryStatus): boolean {
  return status === 'Complete' || status === 'Expired' || status === 'Cancelled' || status === 'Error';
}
