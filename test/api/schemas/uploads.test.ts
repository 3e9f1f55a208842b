/** The query parameters of the upload routes: the default country of bare numbers, and the pages of rows and errors. */
import { errorsQuery, uploadListQuery, uploadQuery } from '../../../api/schemas/uploads';
import { openApiDocument } from '../../../api/openapi';
import { MAX_ERRORS_PAGE } from '../../../api/uploads/uploadView';

const issues = (r: { error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  (r.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));
const paths = (r: Parameters<typeof issues>[0]) => issues(r).map((i) => i.path);

describe('the default country of an upload', () => {
  test('an ISO 3166-1 alpha-2 code, or none', () => {
    expect(uploadQuery.parse({ defaultCountry: 'US' })).toEqual({ defaultCountry: 'US' });
    expect(uploadQuery.parse({})).toEqual({});
  });

  test('anything else is refused with what is expected', () => {
    expect(issues(uploadQuery.safeParse({ defaultCountry: 'USA' }))).toEqual([
      { path: 'defaultCountry', message: 'must be an ISO 3166-1 alpha-2 country code such as US' },
    ]);
    expect(paths(uploadQuery.safeParse({ defaultcountry: 'US' }))).toEqual(['']);
  });

  test('the OpenAPI document says what the parameter is for', () => {
    const operations = Object.values(openApiDocument().paths as Record<string, Record<string, { parameters?: unknown[] }>>).flatMap(
      (path) => Object.values(path),
    );
    const parameters = operations.flatMap((o) => (o.parameters ?? []) as Array<{ name: string; description?: string }>);
    expect(parameters.filter((p) => p.name === 'defaultCountry').map((p) => p.description)).toEqual([
      'Country of phone numbers written without +<country code>, for rows without a Country column value',
    ]);
  });
});

describe('the page of row errors', () => {
  test('from the first line, a hundred at a time, by default', () => {
    expect(errorsQuery.parse({})).toEqual({ afterLine: 0, limit: 100 });
  });

  test('afterLine is a Postgres integer: 0 to 2147483647', () => {
    expect(errorsQuery.parse({ afterLine: '0' }).afterLine).toBe(0);
    expect(errorsQuery.parse({ afterLine: '2147483647' }).afterLine).toBe(2_147_483_647);
    for (const afterLine of ['-1', '2147483648', '1.5']) expect(paths(errorsQuery.safeParse({ afterLine }))).toEqual(['afterLine']);
  });

  test(`limit is 1 to ${MAX_ERRORS_PAGE}`, () => {
    expect(errorsQuery.parse({ limit: '1' }).limit).toBe(1);
    expect(errorsQuery.parse({ limit: String(MAX_ERRORS_PAGE) }).limit).toBe(MAX_ERRORS_PAGE);
    for (const limit of ['0', String(MAX_ERRORS_PAGE + 1)]) expect(paths(errorsQuery.safeParse({ limit }))).toEqual(['limit']);
    expect(paths(errorsQuery.safeParse({ after: '5' }))).toEqual(['']);
  });
});

describe('the list of uploads', () => {
  test('twenty by default, 1 to 100', () => {
    expect(uploadListQuery.parse({})).toEqual({ limit: 20 });
    expect(uploadListQuery.parse({ limit: '1' })).toEqual({ limit: 1 });
    expect(uploadListQuery.parse({ limit: '100' })).toEqual({ limit: 100 });
    for (const limit of ['0', '101', '2.5']) expect(paths(uploadListQuery.safeParse({ limit }))).toEqual(['limit']);
    expect(paths(uploadListQuery.safeParse({ page: '2' }))).toEqual(['']);
  });
});
