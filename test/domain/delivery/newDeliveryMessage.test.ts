import { newDeliveryPlan } from '../../../domain/delivery/newDelivery';
import { engagementConfig } from '../../helpers/fixtures';

const now = new Date('2026-06-01T12:00:00.000Z');
const ids = { deliveryId: 'd1', conversationId: 'c1' };
const contacts = [{ contactId: 'k', phones: [{ type: 'mobile' as const, number: '+15550000001' }] }];

describe('a delivery’s own message text (the product’s Message)', () => {
  const sms = engagementConfig({
    channel: 'sms',
    schedule: [{ type: 'mobile', quietHours: [] }],
    sms: { senderNumber: '+15550319999', messageText: 'template' },
  });

  test('replaces the SMS template in the plan, the sender kept', () => {
    const plan = newDeliveryPlan(ids, 'e', sms, { contacts, message: 'own text' }, now);
    expect(plan.engagement.sms).toEqual({ senderNumber: '+15550319999', messageText: 'own text' });
  });

  test('leaves the template alone when absent', () => {
    expect(newDeliveryPlan(ids, 'e', sms, { contacts }, now).engagement.sms?.messageText).toBe('template');
  });

  test('changes nothing on a voice engagement', () => {
    const voice = engagementConfig();
    expect(newDeliveryPlan(ids, 'e', voice, { contacts, message: 'x' }, now).engagement.sms).toBeUndefined();
  });
});
