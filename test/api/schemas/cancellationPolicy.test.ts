/** POST /v1/cancellation-policies: an AND filter over a delivery's fields, at least one of them set. */
import { cancellationPolicyBody } from '../../../api/schemas/cancellationPolicy';

const issues = (r: { error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  (r.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));

describe('a cancellation policy', () => {
  test.each(['engagementId', 'country', 'state', 'postalCode'])('%s alone is a filter', (field) => {
    const body = { [field]: 'X1', comment: 'withdrawn' };
    expect(cancellationPolicyBody.parse(body)).toEqual(body);
  });

  test('every field together, with an end', () => {
    const body = { engagementId: 'e', country: 'US', state: 'CA', postalCode: '94105', until: '2027-01-01T00:00:00.000Z', comment: 'c' };
    expect(cancellationPolicyBody.parse(body)).toEqual(body);
  });

  test('without any filter it would cancel everything: refused, naming the fields', () => {
    expect(issues(cancellationPolicyBody.safeParse({ comment: 'everything', until: '2027-01-01T00:00:00.000Z' }))).toEqual([
      { path: 'engagementId', message: 'set at least one of engagementId, country, state, postalCode' },
    ]);
  });

  test('a comment is required, and fields are within their limits', () => {
    expect(issues(cancellationPolicyBody.safeParse({ country: 'US' })).map((i) => i.path)).toEqual(['comment']);
    const tooLong = { engagementId: 'e'.repeat(201), country: 'c'.repeat(101), state: 's'.repeat(101), postalCode: 'p'.repeat(21) };
    expect(issues(cancellationPolicyBody.safeParse({ ...tooLong, comment: 'x'.repeat(1001) })).map((i) => i.path)).toEqual([
      'engagementId',
      'country',
      'state',
      'postalCode',
      'comment',
    ]);
    expect(cancellationPolicyBody.safeParse({ country: 'US', comment: 'x'.repeat(1000) }).success).toBe(true);
  });

  test('an unknown field is refused rather than ignored (a misspelt filter would widen it)', () => {
    expect(issues(cancellationPolicyBody.safeParse({ country: 'US', zip: '1', comment: 'c' }))).toEqual([
      { path: '', message: 'Unrecognized key: "zip"' },
    ]);
  });
});
