import { policyActive, policyMatches } from '../../domain/cancellationPolicy';

const target = {
  engagementId: 'sales',
  contacts: [
    { country: 'US', state: 'NY', postalCode: '10001' },
    { country: 'US', state: 'NJ', postalCode: '07001' },
  ],
};

describe('cancellation policy filter', () => {
  test.each([
    [{ engagementId: 'sales' }, true],
    [{ engagementId: 'other' }, false],
    [{ state: 'nj' }, true],
    [{ state: 'NY', postalCode: '07001' }, false], // AND over one contact, not across contacts
    [{ engagementId: 'sales', country: ' us ', state: 'NY', postalCode: '10001' }, true],
    [{ country: 'CA' }, false],
    [{}, false],
  ])('%j matches: %s', (policy, expected) => {
    expect(policyMatches(policy, target)).toBe(expected);
  });

  test('a contact without the field does not match a policy that sets it', () => {
    expect(policyMatches({ state: 'NY' }, { engagementId: 'e', contacts: [{}] })).toBe(false);
  });

  test('active until its date or its end', () => {
    const now = new Date('2026-06-01T00:00:00.000Z');
    expect(policyActive({}, now)).toBe(true);
    expect(policyActive({ until: new Date('2026-06-02T00:00:00.000Z') }, now)).toBe(true);
    expect(policyActive({ until: new Date('2026-05-31T00:00:00.000Z') }, now)).toBe(false);
    expect(policyActive({ endedAt: new Date('2026-05-31T00:00:00.000Z') }, now)).toBe(false);
  });
});
