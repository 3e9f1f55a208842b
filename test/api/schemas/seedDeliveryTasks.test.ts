import { deliveryTaskIdFromRequest, seedCancelDeliveryTaskSchema } from '../../../api/schemas/seedDeliveryTasks';

const ID = '3f1c8a52-7a5e-4d7e-9a39-0c6f1d2b9e11';

test.each([
  [`DeliveryTaskId=${ID}`, {}, ID],
  [`DeliveryTaskId='${ID}'`, {}, ID],
  [` deliverytaskid = ${ID} `, {}, ID],
  ['DeliveryTaskId=@p1', { '@p1': ID }, ID],
  [undefined, { DeliveryTaskId: ID }, ID],
  [undefined, { deliveryTaskId: ID }, ID],
  ['TaskId=x', {}, undefined],
  [undefined, {}, undefined],
])('key %j with query %j reads %s', (key, query, id) => {
  expect(deliveryTaskIdFromRequest(key, query)).toBe(id);
});

test('CancelDeliveryTask needs a GUID DeliveryTaskId', () => {
  expect(seedCancelDeliveryTaskSchema.safeParse({ ApiVersion: '1.0', DeliveryTaskId: ID }).success).toBe(true);
  expect(seedCancelDeliveryTaskSchema.safeParse({ DeliveryTaskId: 'x' }).error?.issues[0]?.path).toEqual(['DeliveryTaskId']);
  expect(seedCancelDeliveryTaskSchema.safeParse({}).error?.issues[0]?.path).toEqual(['DeliveryTaskId']);
});

test.each([
  [`xDeliveryTaskId=${ID}`, {}, undefined],
  [`'${ID}`, {}, undefined],
  [`DeliveryTaskId='${ID}`, {}, `'${ID}`],
  [`DeliveryTaskId=${ID}'`, {}, `${ID}'`],
  [`DeliveryTaskId=x'${ID}'`, {}, `x'${ID}'`],
  [`DeliveryTaskId='${ID}'x`, {}, `'${ID}'x`],
  [undefined, { ApiVersion: '1.0', DeliveryTaskId: ID }, ID],
])('only a whole key and a wholly quoted value are read: key %j with query %j reads %j', (key, query, id) => {
  expect(deliveryTaskIdFromRequest(key, query)).toBe(id);
});
