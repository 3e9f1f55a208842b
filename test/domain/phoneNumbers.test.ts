import { maskPhoneNumber } from '../../domain/phoneMasking';
import { normalisePhoneNumber } from '../../domain/phoneNumbers';
import { deliveryIdFromWorkflowId, deliveryWorkflowId } from '../../temporal/workflowIds';

describe('phone numbers', () => {
  test.each([
    ['+1 (212) 555-0100', '+12125550100'],
    ['+44 20 7183 8750', '+442071838750'],
    ['  +919876543210 ', '+919876543210'],
    ['+15550100001', '+15550100001'],
  ])('%s normalises to %s', (raw, e164) => {
    expect(normalisePhoneNumber(raw)).toBe(e164);
  });

  test.each(['+123456798', '12125550100', 'call me', '', '+1212555010000000', '=HYPERLINK("x")'])('%s is refused', (raw) => {
    expect(normalisePhoneNumber(raw)).toBeNull();
  });

  test('masking keeps the last four digits', () => {
    expect(maskPhoneNumber('+15550100001')).toBe('+*******0001');
    expect(maskPhoneNumber('123')).toBe('***');
  });

  test('workflow ids come from delivery ids and back', () => {
    expect(deliveryIdFromWorkflowId(deliveryWorkflowId('abc'))).toBe('abc');
    expect(deliveryIdFromWorkflowId('campaign-1')).toBeUndefined();
  });
});
