import { z } from 'zod';
import { DELIVERY_FIELD_MAX as MAX } from '../../domain/delivery/deliveryLimits';
import { requiredText, windowTimestamp } from './common';

/** Why a policy exists: shown in the list and on every delivery it cancels. */
const POLICY_COMMENT_MAX = 1000;

/** POST /v1/cancellation-policies: an AND filter over the fields a delivery carries, with their limits. */
export const cancellationPolicyBody = z
  .strictObject({
    engagementId: requiredText(MAX.identifier).optional(),
    country: requiredText(MAX.country).optional(),
    state: requiredText(MAX.state).optional(),
    postalCode: requiredText(MAX.postalCode).optional(),
    until: windowTimestamp.optional(),
    comment: requiredText(POLICY_COMMENT_MAX),
  })
  .refine((p) => p.engagementId || p.country || p.state || p.postalCode, {
    message: 'set at least one of engagementId, country, state, postalCode',
    path: ['engagementId'],
  });
