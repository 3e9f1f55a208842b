/** Every route reads its request parts through parseRequest: the parsed value, or a 400 naming each field. */
import { ApiError } from '../../../api/errors';
import { boardQuery } from '../../../api/schemas/board';
import { parseRequest } from '../../../api/schemas/parseRequest';

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
};

test('a valid part comes back parsed (coerced, defaults applied)', () => {
  expect(parseRequest(boardQuery, { minutes: '5' })).toEqual({ minutes: 5 });
  expect(parseRequest(boardQuery, {}, 'query')).toEqual({ minutes: 60 });
});

test('an invalid part is a 400 naming each field', () => {
  const error = thrown(() => parseRequest(boardQuery, { minutes: '0', other: 1 }));
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
  expect((error as ApiError).fields?.map((f) => f.path)).toEqual(['minutes', '(body)']);
});

test('a prefix says which part of the request the field is in', () => {
  const error = thrown(() => parseRequest(boardQuery, { minutes: 'x' }, 'query')) as ApiError;
  expect(error.fields?.map((f) => f.path)).toEqual(['query.minutes']);
});
