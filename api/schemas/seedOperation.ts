import { z } from 'zod';
import { DELIVERY_FIELD_MAX as MAX } from '../../domain/delivery/deliveryLimits';
import { SEED_OPERATIONS, operationTargetProblem } from '../../domain/seedOperations';
import { requiredText } from './common';
import { apiVersion } from './seedShared';

/**
 * POST CCaaS_CreateOperation: `Operation` Suspend or Resume with the engagement, or Cancel with a
 * DeliveryId (one delivery) or only the engagement (all its queued deliveries).
 */
export const seedOperationSchema = z
  .object({
    ApiVersion: apiVersion,
    ProactiveEngagementConfigId: requiredText(MAX.identifier).optional(),
    DeliveryId: z.string().uuid({ message: 'must be a DeliveryId (a GUID)' }).optional(),
    Operation: z.enum(SEED_OPERATIONS, { message: `must be one of ${SEED_OPERATIONS.join(', ')}` }),
  })
  .superRefine((b, ctx) => {
    const problem = operationTargetProblem(b.Operation, { engagementId: b.ProactiveEngagementConfigId, deliveryId: b.DeliveryId });
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });
export type SeedOperationRequest = z.output<typeof seedOperationSchema>;

/** The 202 answer (the product documents none): what was applied. */
export const seedOperationResponseSchema = z.object({
  '@odata.context': z.string(),
  Operation: z.enum(SEED_OPERATIONS),
  ProactiveEngagementConfigId: z.string().optional(),
  DeliveryId: z.string().optional(),
  /** Suspend / Resume: the engagement's state afterwards. */
  EngagementState: z.string().optional(),
  /** Cancel: deliveries whose cancellation was requested. */
  CancelledDeliveries: z.number().int().optional(),
});
export type SeedOperationResponse = z.output<typeof seedOperationResponseSchema>;
