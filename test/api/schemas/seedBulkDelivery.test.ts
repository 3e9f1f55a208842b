import { MAX_BULK_RECORDS, tooManyRecordsMessage } from '../../../domain/delivery/bulkLimits';
import { bulkRecordArray, readBulkRecord, seedBulkEnvelopeSchema } from '../../../api/schemas/seedBulkDelivery';

const record = { uniqueIdentifier: 'u-1', firstName: 'A', lastName: 'B', mobilePhoneNumber: '+1 555 010 0001' };

describe('bulkRecordArray', () => {
  test('an array, or a string holding one, is read once', () => {
    expect(bulkRecordArray([record])).toEqual({ records: [record] });
    expect(bulkRecordArray(JSON.stringify([record]))).toEqual({ records: [record] });
  });
  test.each([
    [undefined, 'is required'],
    ['[{', 'is a string but not valid JSON'],
    [{ a: 1 }, 'must be an array of records (or a string holding one)'],
    [[], 'at least one record'],
  ])('%j is refused: %s', (value, message) => {
    expect(bulkRecordArray(value)).toEqual({ issue: { path: ['ProactiveDeliveries'], message } });
  });
  test('more than MAX_BULK_RECORDS is refused as too many', () => {
    const read = bulkRecordArray(new Array(MAX_BULK_RECORDS + 1).fill(0));
    expect(read).toMatchObject({ tooMany: true, issue: { path: ['ProactiveDeliveries'] } });
  });
});

describe('readBulkRecord', () => {
  test('a valid record becomes a one-contact chain, numbers in E.164, zipCode and timeZone as the native fields', () => {
    expect(readBulkRecord({ ...record, zipCode: '98052', state: 'WA', timeZone: 'America/Chicago', unknownKey: 1 }, 3, 'voice')).toEqual({
      contact: {
        contactId: 'u-1',
        timeZone: 'America/Chicago',
        state: 'WA',
        postalCode: '98052',
        phones: [{ type: 'mobile', number: '+15550100001' }],
      },
    });
  });
  test.each([
    [{ ...record, mobilePhoneNumber: '12' }, 'voice', 'ProactiveDeliveries.7.mobilePhoneNumber'],
    [{ ...record, firstName: '' }, 'voice', 'ProactiveDeliveries.7.firstName'],
    [{ uniqueIdentifier: 'u', firstName: 'A', lastName: 'B' }, 'voice', 'ProactiveDeliveries.7.mobilePhoneNumber'],
    [{ ...record, businessPhoneNumber: '+15550100001' }, 'voice', 'ProactiveDeliveries.7.businessPhoneNumber'],
    [{ ...record, businessPhoneNumber: '+15550100002' }, 'sms', 'ProactiveDeliveries.7.businessPhoneNumber'],
    [{ ...record, timeZone: 'Nowhere/Else' }, 'voice', 'ProactiveDeliveries.7.timeZone'],
    ['not an object', 'voice', 'ProactiveDeliveries.7'],
  ] as const)('%j on %s is refused at %s', (raw, channel, path) => {
    const read = readBulkRecord(raw, 7, channel);
    expect('issues' in read && read.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

test('the envelope takes V1’s ProactiveEngagements and needs the engagement', () => {
  expect(
    seedBulkEnvelopeSchema.safeParse({ ProactiveEngagementConfigId: 'e', ProactiveEngagements: '', ProactiveDeliveries: [] }).success,
  ).toBe(true);
  expect(seedBulkEnvelopeSchema.safeParse({ ProactiveDeliveries: [] }).success).toBe(false);
});

test('exactly MAX_BULK_RECORDS records are read; one more is refused, saying how many came', () => {
  expect(bulkRecordArray(new Array(MAX_BULK_RECORDS).fill(record))).toEqual({ records: new Array(MAX_BULK_RECORDS).fill(record) });
  expect(bulkRecordArray(new Array(MAX_BULK_RECORDS + 1).fill(record))).toEqual({
    issue: { path: ['ProactiveDeliveries'], message: `has ${MAX_BULK_RECORDS + 1} records: ${tooManyRecordsMessage()}` },
    tooMany: true,
  });
});

test('a number given twice in one record is refused at the second field, worded for a record', () => {
  expect(readBulkRecord({ ...record, homePhoneNumber: '+15550100001' }, 2, 'voice')).toEqual({
    issues: [{ path: ['ProactiveDeliveries', 2, 'homePhoneNumber'], message: '+15550100001 is also a number of this record' }],
  });
});
