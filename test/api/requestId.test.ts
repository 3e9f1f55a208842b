import { acceptedRequestId, REQUEST_ID_MAX_LENGTH } from '../../api/requestId';

test("a client's X-Request-Id is kept when it is visible ASCII of at most 128 characters", () => {
  expect(acceptedRequestId('req-test-123')).toBe('req-test-123');
  expect(acceptedRequestId('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
  expect(acceptedRequestId('a'.repeat(REQUEST_ID_MAX_LENGTH))).toBe('a'.repeat(128));
  expect(acceptedRequestId('!~{}[]:;"')).toBe('!~{}[]:;"');
});

test('an id that is absent, empty, too long, repeated, or has spaces, controls or non-ASCII is not kept', () => {
  for (const bad of [undefined, '', 'a'.repeat(129), 'has space', 'tab\there', 'line\nbreak', 'nul\u0000', 'del\u007f', 'café', '😀']) {
    expect(acceptedRequestId(bad)).toBeUndefined();
  }
  expect(acceptedRequestId(['a', 'b'])).toBeUndefined();
});
