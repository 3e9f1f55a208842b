/**
 * Records for the product's bulk create action: `total` valid one-contact records with a bad one at
 * every index `i % every === offset`, each bad record failing one field (which the API must name).
 */
export interface BulkRecordSet {
  records: Array<Record<string, string>>;
  /** Index of each bad record and the field its refusal must name. */
  bad: Array<{ index: number; field: string }>;
}

const FAULTS: Array<{ field: string; spoil: (r: Record<string, string>) => void }> = [
  { field: 'mobilePhoneNumber', spoil: (r) => (r.mobilePhoneNumber = '12') },
  { field: 'lastName', spoil: (r) => delete r.lastName },
  { field: 'timeZone', spoil: (r) => (r.timeZone = 'Mars/Olympus_Mons') },
  { field: 'businessPhoneNumber', spoil: (r) => (r.businessPhoneNumber = r.mobilePhoneNumber!) },
  { field: 'uniqueIdentifier', spoil: (r) => (r.uniqueIdentifier = '') },
];

/** Every record's zipCode is 98052 but those `zipCode` picks (a cancellation policy on 98052 then leaves only those). */
export function bulkRecords(total: number, every: number, o: { offset?: number; otherZip?: (i: number) => boolean } = {}): BulkRecordSet {
  const offset = o.offset ?? 7;
  const records: Array<Record<string, string>> = [];
  const bad: BulkRecordSet['bad'] = [];
  for (let i = 0; i < total; i++) {
    const record: Record<string, string> = {
      uniqueIdentifier: `bulk-${i}`,
      firstName: 'Grace',
      lastName: `Hopper ${i}`,
      mobilePhoneNumber: `+1555${String(1_000_000 + i).slice(-7)}`,
      state: 'WA',
      city: 'Seattle',
      zipCode: o.otherZip?.(i) ? '10001' : '98052',
      timeZone: 'America/Los_Angeles',
    };
    if (i % every === offset) {
      const fault = FAULTS[bad.length % FAULTS.length]!;
      fault.spoil(record);
      bad.push({ index: i, field: fault.field });
    }
    records.push(record);
  }
  return { records, bad };
}
