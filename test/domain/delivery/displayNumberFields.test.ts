import { displayNumberFields } from '../../../domain/delivery/displayNumberFields';
import type { ChainContact } from '../../../domain/delivery/deliveryPlan';
import { selectDisplayNumber } from '../../../domain/displayNumbers';

const target = { contactId: 'c1', phoneType: 'mobile' as const, number: '+12125550001' };
const contact: ChainContact = {
  contactId: 'c1',
  phones: [],
  state: 'NY',
  postalCode: '10001',
  country: 'US',
  timeZone: 'America/New_York',
};

test('a rule sees the contact named fields, the number and the input attributes', () => {
  expect(displayNumberFields(contact, target, { AccountType: 'gold' })).toEqual({
    AccountType: 'gold',
    state: 'NY',
    postalCode: '10001',
    country: 'US',
    timeZone: 'America/New_York',
    contactId: 'c1',
    phoneType: 'mobile',
    destination: '+12125550001',
  });
});

test.each<[string, ChainContact, Record<string, string>, string, string]>([
  ['the contact state wins over a same-named attribute', contact, { state: 'CA' }, 'state', 'NY'],
  ['also when the attribute is spelt differently', contact, { ' State ': 'CA' }, 'State', 'NY'],
  ['the number wins over a destination attribute', contact, { Destination: '+1999' }, 'destination', '+12125550001'],
  ['an attribute fills a field the contact lacks', { contactId: 'c1', phones: [] }, { state: 'CA' }, 'state', 'CA'],
  ['a blank contact field does not hide the attribute', { ...contact, country: ' ' }, { country: 'CA' }, 'country', 'CA'],
])('%s', (_name, c, attributes, field, expected) => {
  const fields = displayNumberFields(c, target, attributes);
  const rule = { field, condition: 'equals' as const, value: expected, number: '+12125550199' };
  const selected = selectDisplayNumber({ mode: 'rules', rules: [rule] }, { queueNumber: 'Q', callKey: 'k', fields });
  expect(selected).toEqual({ number: '+12125550199', reason: 'rule 1' });
});

test('a rule on state picks its number from the contact state, with no attributes at all', () => {
  const fields = displayNumberFields(contact, target, {});
  const policy = { mode: 'rules' as const, rules: [{ field: 'state', condition: 'equals' as const, value: 'NY', number: '+12125550199' }] };
  expect(selectDisplayNumber(policy, { queueNumber: 'Q', callKey: 'k', fields })).toEqual({ number: '+12125550199', reason: 'rule 1' });
  const newJersey = displayNumberFields({ ...contact, state: 'NJ' }, target, {});
  const fallback = selectDisplayNumber(policy, { queueNumber: 'Q', callKey: 'k', fields: newJersey });
  expect(fallback).toEqual({ number: 'Q', reason: 'no rule matched' });
});
