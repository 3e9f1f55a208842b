import { operationTargetProblem } from '../../domain/seedOperations';

test('Suspend and Resume act on an engagement only', () => {
  expect(operationTargetProblem('Suspend', { engagementId: 'e' })).toBeUndefined();
  expect(operationTargetProblem('Resume', {})).toMatchObject({ field: 'ProactiveEngagementConfigId' });
  expect(operationTargetProblem('Suspend', { engagementId: 'e', deliveryId: 'd' })).toMatchObject({ field: 'DeliveryId' });
});

test('Cancel needs a delivery or an engagement', () => {
  expect(operationTargetProblem('Cancel', { deliveryId: 'd' })).toBeUndefined();
  expect(operationTargetProblem('Cancel', { engagementId: 'e' })).toBeUndefined();
  expect(operationTargetProblem('Cancel', {})).toMatchObject({ field: 'DeliveryId' });
});
