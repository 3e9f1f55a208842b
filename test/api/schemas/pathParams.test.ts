/** An engagement id in a path is a stored text: refused with a 400 when it cannot be stored. */
import { engagementPath } from '../../../api/schemas/pathParams';

test('an engagement id of 1 to 200 storable characters', () => {
  expect(engagementPath.parse({ engagementId: 'e'.repeat(200) })).toEqual({ engagementId: 'e'.repeat(200) });
  for (const engagementId of ['', 'e'.repeat(201), 'a\u0000b', '\ud800'])
    expect(engagementPath.safeParse({ engagementId }).error?.issues.map((i) => i.path.join('.'))).toEqual(['engagementId']);
});
