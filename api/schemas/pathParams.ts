import { z } from 'zod';
import { ENGAGEMENT_TEXT_MAX as TEXT } from '../../domain/engagementLimits';
import { requiredText } from './common';

/**
 * Path parameters that are text columns: an id that cannot be stored (NUL, an unpaired surrogate, over
 * the limit) is a 400 naming it, not a database error. UUID parameters are checked by requireUuid.
 */
export const engagementPath = z.object({ engagementId: requiredText(TEXT.identifier) });
