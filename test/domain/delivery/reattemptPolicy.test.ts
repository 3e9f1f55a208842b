import type { ReattemptReason } from '../../../domain/callState';
import { asksForRetry, decideReattempt, dispositionDeadline, isRetryable, unreachedWhy } from '../../../domain/delivery/reattemptPolicy';
import type { ReattemptPolicy } from '../../../domain/engagement';

const policy: Pick<ReattemptPolicy, 'maxAttempts' | 'waitSeconds' | 'reasons'> = {
  maxAttempts: 3,
  waitSeconds: 3600,
  reasons: ['NoAnswer', 'Busy'],
};
const now = new Date('2026-03-01T12:00:00.000Z');
const next = 'next attempt not before 2026-03-01T13:00:00.000Z';
const unreached = (reasons: ReattemptReason[], retryDisposition = false) => ({ reasons, retryDisposition });

describe('decideReattempt', () => {
  test.each([
    ['a listed reason, attempts left', unreached(['Busy']), 1, 'reattempt', `attempt 1 unreached (Busy); ${next}`],
    ['one listed reason of two', unreached(['Failed', 'NoAnswer']), 2, 'reattempt', `attempt 2 unreached (Failed, NoAnswer); ${next}`],
    ['a retry disposition code', unreached([], true), 1, 'reattempt', `attempt 1 unreached (a retry disposition code); ${next}`],
    ['no listed reason', unreached(['Failed']), 1, 'stop', 'unreached after 1 attempt(s) (last: Failed)'],
    ['no reason at all', unreached([]), 1, 'stop', 'unreached after 1 attempt(s) (last: no reason)'],
    ['the last attempt', unreached(['Busy']), 3, 'stop', 'unreached after 3 attempt(s) (last: Busy)'],
    ['a retry code on the last attempt', unreached([], true), 3, 'stop', 'unreached after 3 attempt(s) (last: a retry disposition code)'],
  ] as const)('%s', (_name, u, attempt, kind, detail) => {
    const decision = decideReattempt(u, attempt, policy, now);
    expect(decision).toMatchObject({ kind, detail });
    if (decision.kind === 'reattempt') expect(decision.at).toEqual(new Date('2026-03-01T13:00:00.000Z'));
  });
});

test('isRetryable and unreachedWhy', () => {
  expect(isRetryable({ reasons: ['AnsweringMachine'], retryDisposition: false }, policy)).toBe(false);
  expect(isRetryable({ reasons: ['AnsweringMachine'], retryDisposition: false }, { reasons: ['AnsweringMachine'] })).toBe(true);
  expect(unreachedWhy({ reasons: ['Busy', 'NoAnswer'], retryDisposition: true })).toBe('a retry disposition code');
});

describe('the retry disposition rule', () => {
  const withCodes = { retryDispositionCodes: ['CallBack', 'Later'], dispositionWaitSeconds: 120 };
  test.each([
    [['CallBack'], true],
    [['Paid', 'Later'], true],
    [['Paid'], false],
    [[], false],
    [['callback'], false],
  ])('posted %j asks for a retry: %s', (codes, expected) => {
    expect(asksForRetry(codes, withCodes)).toBe(expected);
  });

  test('only an engagement with retry codes waits for dispositions, dispositionWaitSeconds after the call', () => {
    expect(dispositionDeadline(withCodes, now)).toEqual(new Date('2026-03-01T12:02:00.000Z'));
    expect(dispositionDeadline({ retryDispositionCodes: [], dispositionWaitSeconds: 120 }, now)).toBeNull();
  });
});
