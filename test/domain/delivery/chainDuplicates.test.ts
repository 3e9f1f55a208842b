import { chainDuplicates } from '../../../domain/delivery/chainDuplicates';

const c = (contactId: string, ...numbers: string[]) => ({ contactId, phones: numbers.map((number) => ({ number })) });

test.each([
  ['distinct', [c('a', '+1'), c('b', '+2')], []],
  ['a contact id twice', [c('a', '+1'), c('a', '+2')], [{ contact: 1 }]],
  ['a number in two contacts', [c('a', '+1'), c('b', '+2', '+1')], [{ contact: 1, phone: 1 }]],
  ['a number twice in one contact', [c('a', '+1', '+1')], [{ contact: 0, phone: 1 }]],
  ['both', [c('a', '+1'), c('a', '+1')], [{ contact: 1 }, { contact: 1, phone: 0 }]],
  [
    'a third occurrence is reported too',
    [c('a', '+1'), c('b', '+1'), c('d', '+1')],
    [
      { contact: 1, phone: 0 },
      { contact: 2, phone: 0 },
    ],
  ],
])('%s', (_name, contacts, expected) => {
  expect(chainDuplicates(contacts).map(({ contact, phone }) => (phone === undefined ? { contact } : { contact, phone }))).toEqual(expected);
});

test('messages name the earlier contact', () => {
  expect(chainDuplicates([c('a', '+1'), c('a', '+1')]).map((d) => d.message)).toEqual([
    'contact id "a" is also contact 1 of the chain',
    '+1 is also a number of contact 1 of the chain',
  ]);
});
