import type { ActivePolicy } from '../../../domain/cancellationPolicy';
import { newDelivery, newDeliveryPlan } from '../../../domain/delivery/newDelivery';
import { smsFollowUpChain, smsFollowUpRefusal, smsFollowUpWindows } from '../../../domain/delivery/smsFollowUpRules';
import { engagementConfig } from '../../helpers/fixtures';

const now = new Date('2026-06-01T12:00:00.000Z');
const config = engagementConfig();
const ids = { deliveryId: 'd1', conversationId: 'c1' };
const contacts = [{ contactId: 'k', state: 'NY', phones: [{ type: 'mobile' as const, number: '+15550000001' }] }];
const policy = (p: Partial<ActivePolicy>): ActivePolicy => ({ policyId: 'p', comment: 'why', ...p });

describe('a new delivery', () => {
  test('without windows gets the 24 hours from acceptance', () => {
    const plan = newDeliveryPlan(ids, 'e', config, { contacts }, now);
    expect(plan.windows).toEqual([{ start: '2026-06-01T12:00:00.000Z', end: '2026-06-02T12:00:00.000Z' }]);
    expect(plan.inputAttributes).toEqual({});
  });

  test('is suppressed by the oldest active matching policy, stored Cancelled and not started', () => {
    const plan = newDeliveryPlan(ids, 'e', config, { contacts }, now);
    const policies = [
      policy({ policyId: 'ended', state: 'NY', endedAt: now }),
      policy({ policyId: 'other', state: 'NJ' }),
      policy({ policyId: 'first', state: 'ny' }),
      policy({ policyId: 'second', engagementId: 'e' }),
    ];
    const d = newDelivery(plan, config, { origin: { kind: 'request' }, now, policies });
    expect(d.suppression).toEqual({ policyId: 'first', comment: 'why' });
    expect(d.firstEvent).toEqual({ status: 'Cancelled', detail: 'cancelled on arrival by policy first: why' });
    expect(d.startsWithStore).toBe(false);
  });

  test('not suppressed: Pending, started with the store unless it came from an upload; Priority stored beside the inputs', () => {
    const plan = newDeliveryPlan(ids, 'e', config, { contacts, inputAttributes: { a: '1' } }, now);
    const request = newDelivery(plan, config, { origin: { kind: 'request' }, now, policies: [], customPriority: 3 });
    expect(request).toMatchObject({
      firstEvent: { status: 'Pending', detail: 'accepted' },
      startsWithStore: true,
      storedAttributes: { a: '1', Priority: '3' },
    });
    expect(plan.inputAttributes).toEqual({ a: '1' });
    expect(newDelivery(plan, config, { origin: { kind: 'upload', uploadId: 'u' }, now, policies: [] }).startsWithStore).toBe(false);
    expect(newDelivery(plan, config, { origin: { kind: 'smsFollowUp', parentDeliveryId: 'v' }, now, policies: [] }).firstEvent.detail).toBe(
      'SMS follow-up of voice delivery v',
    );
  });
});

describe('SMS follow-up rules', () => {
  test('mobile numbers only, contacts without one left out', () => {
    const chain = [
      {
        contactId: 'a',
        phones: [
          { type: 'home' as const, number: '+1' },
          { type: 'mobile' as const, number: '+2' },
        ],
      },
      { contactId: 'b', phones: [{ type: 'business' as const, number: '+3' }] },
    ];
    expect(smsFollowUpChain(chain)).toEqual([{ contactId: 'a', phones: [{ type: 'mobile', number: '+2' }] }]);
  });

  test('windows still open are kept', () => {
    const windows = [
      { start: '2026-06-01T00:00:00.000Z', end: '2026-06-01T06:00:00.000Z' },
      { start: '2026-06-01T10:00:00.000Z', end: '2026-06-01T18:00:00.000Z' },
    ];
    expect(smsFollowUpWindows(windows, now)).toEqual([windows[1]]);
  });

  test('refused without an SMS engagement that takes deliveries', () => {
    expect(smsFollowUpRefusal('s', undefined)).toBe('SMS engagement "s" does not exist');
    expect(smsFollowUpRefusal('s', { config, state: 'active' })).toBe('engagement "s" is not an SMS engagement');
    expect(smsFollowUpRefusal('s', { config: { ...config, channel: 'sms' }, state: 'stopped' })).toBe('SMS engagement "s" is stopped');
    expect(smsFollowUpRefusal('s', { config: { ...config, channel: 'sms' }, state: 'active' })).toBeUndefined();
  });
});
