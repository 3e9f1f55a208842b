/**
 * The operations of the product's CCaaS_CreateOperation, spelt as it spells them: Suspend and Resume act
 * on an engagement (its dispatcher stops and starts granting calls), Cancel on one delivery or on every
 * queued delivery of an engagement.
 */
export const SEED_OPERATIONS = ['Suspend', 'Resume', 'Cancel'] as const;
export type SeedOperation = (typeof SEED_OPERATIONS)[number];

/** What an operation needs: which of the two ids must be given. */
export function operationTargetProblem(
  operation: SeedOperation,
  target: { engagementId?: string; deliveryId?: string },
): { field: 'ProactiveEngagementConfigId' | 'DeliveryId'; message: string } | undefined {
  if (operation === 'Cancel')
    return target.engagementId === undefined && target.deliveryId === undefined
      ? { field: 'DeliveryId', message: 'Cancel needs a DeliveryId, or a ProactiveEngagementConfigId to cancel all its queued deliveries' }
      : undefined;
  if (target.engagementId === undefined)
    return { field: 'ProactiveEngagementConfigId', message: `${operation} needs the engagement to act on` };
  if (target.deliveryId !== undefined)
    return { field: 'DeliveryId', message: `${operation} acts on a whole engagement; DeliveryId applies to Cancel only` };
  return undefined;
}
