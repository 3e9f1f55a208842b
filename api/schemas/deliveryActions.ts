import { z } from 'zod';
import { ENGAGEMENT_TEXT_MAX as TEXT } from '../../domain/engagementLimits';
import { requiredText } from './common';

/** Why an operator cancelled: stored on the delivery's event trail. */
const CANCEL_REASON_MAX = 500;
/** A call id as the engine writes them (a UUID) or as a client copied it. */
const CALL_ID_MAX = 200;

export const cancelBody = z.strictObject({ reason: requiredText(CANCEL_REASON_MAX).default('cancelled by an operator') });

export const dispositionBody = z.strictObject({
  /** The call the codes are for; the delivery's latest call when absent. */
  callId: requiredText(CALL_ID_MAX).optional(),
  codes: z
    .array(requiredText(TEXT.dispositionCode).regex(/^[^",]+$/, 'a code cannot contain quotes or commas'))
    .min(1)
    .max(20),
});
