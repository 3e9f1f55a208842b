import { z } from 'zod';
import { PREVIEW_DECLINE_REASON_MAX } from '../../domain/delivery/previewDecline';
import { PRIORITIES } from '../../domain/engagement';
import { ENGAGEMENT_TEXT_MAX as TEXT } from '../../domain/engagementLimits';
import { requiredText } from './common';

/** Why an operator paused or resumed: shown in the engagement's history. */
const CONTROL_REASON_MAX = 500;

export const pauseBody = z.strictObject({ reason: requiredText(CONTROL_REASON_MAX).optional() });
export const resumeBody = z.strictObject({ reason: requiredText(CONTROL_REASON_MAX).optional() });
export const priorityBody = z.strictObject({ priority: z.enum(PRIORITIES) });
/** An agent key acts as its own representative; a supervisor or admin names the one it acts for. */
export const previewActionBody = z.strictObject({ representativeId: requiredText(TEXT.identifier).optional() });
export const previewDeclineBody = previewActionBody.extend({ reason: requiredText(PREVIEW_DECLINE_REASON_MAX).optional() });
export const previewListQuery = z.strictObject({
  engagementId: requiredText(TEXT.identifier).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
