import { defaultPayloadConverter } from '@temporalio/common';
import { REQUEST_ID_HEADER, requestIdFromHeaders, withRequestIdHeader } from '../../temporal/requestIdHeader';

test('a request id set on headers reads back, beside the headers already there', () => {
  const other = { trace: defaultPayloadConverter.toPayload('t-1') };
  const headers = withRequestIdHeader(other, 'req-test-123');
  expect(requestIdFromHeaders(headers)).toBe('req-test-123');
  expect(headers.trace).toBe(other.trace);
  // A plain JSON payload: readable whatever payload codec the data converter has (codecs do not see headers).
  expect(Buffer.from(headers[REQUEST_ID_HEADER]!.data!).toString()).toBe('"req-test-123"');
});

test('no request id leaves the headers as they are', () => {
  const headers = {};
  expect(withRequestIdHeader(headers, undefined)).toBe(headers);
  expect(requestIdFromHeaders(headers)).toBeUndefined();
  expect(requestIdFromHeaders(undefined)).toBeUndefined();
});

test('a header that is not a non-empty string is no request id (and never throws)', () => {
  const read = (payload: Parameters<typeof requestIdFromHeaders>[0]) => requestIdFromHeaders(payload);
  expect(read({ [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(42) })).toBeUndefined();
  expect(read({ [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload('') })).toBeUndefined();
  expect(
    read({ [REQUEST_ID_HEADER]: { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('{not json') } }),
  ).toBeUndefined();
  expect(
    read({ [REQUEST_ID_HEADER]: { metadata: { encoding: Buffer.from('binary/encrypted') }, data: Buffer.from('xx') } }),
  ).toBeUndefined();
});
