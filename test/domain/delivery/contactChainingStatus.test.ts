import { contactChainingStatus, productCallResult, type ChainCall } from '../../../domain/delivery/contactChainingStatus';
import type { ChainContact } from '../../../domain/delivery/deliveryPlan';

const chain: ChainContact[] = [
  { contactId: 'a', phones: [{ type: 'mobile', number: '+15550100001' }] },
  {
    contactId: 'b',
    phones: [
      { type: 'home', number: '+15550100002' },
      { type: 'mobile', number: '+15550100003' },
    ],
  },
  { contactId: 'c', phones: [{ type: 'business', number: '+15550100004' }] },
];
const call = (attemptNumber: number, contactId: string, phoneType: ChainCall['phoneType'], callState: string | null): ChainCall => ({
  attemptNumber,
  contactId,
  phoneType,
  result: productCallResult({ callState, answeringMachine: false }),
});
const status = (calls: ChainCall[], phoneTypes: ChainCall['phoneType'][] = ['mobile', 'home', 'business'], maxAttempts = 2) =>
  contactChainingStatus({ contacts: chain, phoneTypes, calls, maxAttempts });

test('before any call: nothing attempted, the chain counted', () => {
  expect(status([])).toEqual({
    currentLoopNumber: 0,
    currentContactIndexAttempted: null,
    currentContactIdAttempted: null,
    currentPhoneIndexAttempted: null,
    currentPhoneNumberTypeIdAttempted: null,
    totalContactsInChain: 3,
    totalPhonesInCurrentContact: 1,
    totalPhonesInChain: 4,
    totalEligiblePhonesInChain: 4,
    totalEligiblePhonesInCurrentContact: 1,
    areLoopsExhausted: false,
    isChainExhausted: false,
    seqNo: 0,
    lastDeliveryResult: null,
  });
});

test('the second contact’s second number in the engagement’s phone-type order', () => {
  const s = status([call(1, 'a', 'mobile', 'Busy'), call(1, 'b', 'mobile', 'No Answer'), call(1, 'b', 'home', null)]);
  expect(s).toMatchObject({
    currentLoopNumber: 1,
    currentContactIndexAttempted: 1,
    currentContactIdAttempted: 'b',
    currentPhoneIndexAttempted: 1,
    currentPhoneNumberTypeIdAttempted: 'HomePhoneNumber',
    totalPhonesInCurrentContact: 2,
    totalEligiblePhonesInCurrentContact: 2,
    seqNo: 3,
    isChainExhausted: false,
    lastDeliveryResult: null,
  });
});

test('a pass that tried every number exhausts the chain; the last allowed pass exhausts the loops', () => {
  const pass = (n: number) => [
    call(n, 'a', 'mobile', 'Busy'),
    call(n, 'b', 'mobile', 'Busy'),
    call(n, 'b', 'home', 'Busy'),
    call(n, 'c', 'business', 'Invalid Number'),
  ];
  expect(status(pass(1))).toMatchObject({
    isChainExhausted: true,
    areLoopsExhausted: false,
    seqNo: 4,
    lastDeliveryResult: 'InvalidAddress',
  });
  expect(status([...pass(1), ...pass(2)])).toMatchObject({
    currentLoopNumber: 2,
    isChainExhausted: true,
    areLoopsExhausted: true,
    seqNo: 8,
  });
});

test('phone types the engagement does not call are not eligible', () => {
  const s = status([call(1, 'a', 'mobile', 'Busy'), call(1, 'b', 'mobile', 'Busy')], ['mobile'], 1);
  expect(s).toMatchObject({ totalPhonesInChain: 4, totalEligiblePhonesInChain: 2, isChainExhausted: true, areLoopsExhausted: true });
});

test.each([
  ['Answered', false, 'LiveAnswer'],
  ['Answered', true, 'AnsweringMachine'],
  ['Busy', false, 'NoAnswer'],
  ['No Answer', false, 'NoAnswer'],
  ['Rejected', false, 'NoAnswer'],
  ['Invalid Number', false, 'InvalidAddress'],
  ['Error', false, 'CallFailed'],
  ['Temporarily Unavailable', false, 'CallFailed'],
  ['Unknown', false, 'Unknown'],
  [null, false, null],
])('a %s call (machine %s) is %s', (callState, answeringMachine, result) => {
  expect(productCallResult({ callState, answeringMachine })).toBe(result);
});
