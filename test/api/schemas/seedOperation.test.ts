import { seedOperationSchema } from '../../../api/schemas/seedOperation';

const ID = '3f1c8a52-7a5e-4d7e-9a39-0c6f1d2b9e11';
const paths = (body: unknown) => {
  const r = seedOperationSchema.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

test.each([
  [{ Operation: 'Suspend', ProactiveEngagementConfigId: 'e' }],
  [{ Operation: 'Resume', ProactiveEngagementConfigId: 'e', ApiVersion: '1.0' }],
  [{ Operation: 'Cancel', DeliveryId: ID }],
  [{ Operation: 'Cancel', ProactiveEngagementConfigId: 'e' }],
  [{ Operation: 'Cancel', ProactiveEngagementConfigId: 'e', DeliveryId: ID }],
])('%j is accepted', (body) => {
  expect(paths(body)).toEqual([]);
});

test.each([
  [{ Operation: 'suspend', ProactiveEngagementConfigId: 'e' }, 'Operation'],
  [{ ProactiveEngagementConfigId: 'e' }, 'Operation'],
  [{ Operation: 'Suspend' }, 'ProactiveEngagementConfigId'],
  [{ Operation: 'Resume', ProactiveEngagementConfigId: 'e', DeliveryId: ID }, 'DeliveryId'],
  [{ Operation: 'Cancel' }, 'DeliveryId'],
  [{ Operation: 'Cancel', DeliveryId: 'x' }, 'DeliveryId'],
  [{ Operation: 'Suspend', ProactiveEngagementConfigId: '' }, 'ProactiveEngagementConfigId'],
])('%j is refused at %s', (body, path) => {
  expect(paths(body)).toContain(path);
});
