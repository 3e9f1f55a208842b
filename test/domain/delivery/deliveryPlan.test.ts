import { callIntentId, dialTargets } from '../../../domain/delivery/deliveryPlan';

describe('dial targets', () => {
  const contacts = [
    {
      contactId: 'a',
      phones: [
        { type: 'home' as const, number: '+1' },
        { type: 'mobile' as const, number: '+2' },
      ],
    },
    {
      contactId: 'b',
      phones: [
        { type: 'business' as const, number: '+3' },
        { type: 'home' as const, number: '+4' },
      ],
    },
  ];

  test('contacts in chain order, numbers in the engagement phone-type order', () => {
    expect(dialTargets(contacts, ['mobile', 'business', 'home']).map((t) => t.number)).toEqual(['+2', '+1', '+3', '+4']);
    expect(dialTargets(contacts, ['home', 'business', 'mobile']).map((t) => t.number)).toEqual(['+1', '+2', '+4', '+3']);
  });

  test('phone types the engagement does not call are left out', () => {
    expect(dialTargets(contacts, ['business']).map((t) => t.number)).toEqual(['+3']);
  });

  test('number ids tell apart the same number in two contacts', () => {
    const twice = [contacts[0]!, { contactId: 'c', phones: [{ type: 'home' as const, number: '+1' }] }];
    const ids = dialTargets(twice, ['home']).map((t) => t.numberId);
    expect(new Set(ids).size).toBe(2);
  });

  test('a call intent id is stable for the same delivery, pass and number', () => {
    expect(callIntentId('d', 2, 3)).toBe(callIntentId('d', 2, 3));
    expect(callIntentId('d', 2, 3)).not.toBe(callIntentId('d', 3, 2));
  });
});
