import {
  decideAfterDecline,
  declineWhy,
  PREVIEW_DECLINE_LIMIT,
  PREVIEW_DECLINE_RESULT,
  PREVIEW_REOFFER_MIN_SECONDS,
} from '../../../domain/delivery/previewDecline';
import { RESULT_MEANINGS, VOICE_PRODUCT_RESULTS } from '../../../domain/delivery/productOutcomes';
import { VOICE_RESULTS } from '../../../domain/delivery/deliveryStatus';

const now = new Date('2026-03-01T12:00:00.000Z');
const open = { representativeId: 'rep-7', afterAccept: false };
const accepted = { representativeId: 'rep-8', afterAccept: true, reason: 'customer in the do-not-call notes' };

test("a decline is the product's CSRCancelled: a result word of the delivery, never reattempted as a call", () => {
  expect(PREVIEW_DECLINE_RESULT).toBe('CSRCancelled');
  expect(VOICE_PRODUCT_RESULTS).toContain(PREVIEW_DECLINE_RESULT);
  expect(VOICE_RESULTS).toContain(PREVIEW_DECLINE_RESULT);
  expect(RESULT_MEANINGS[PREVIEW_DECLINE_RESULT]).toEqual({ reachedPerson: false, numberInvalid: false });
});

test('declineWhy names the result, whether the offer was accepted, the representative and the reason', () => {
  expect(declineWhy(open)).toBe('CSRCancelled: preview offer declined by rep-7');
  expect(declineWhy(accepted)).toBe(
    'CSRCancelled: accepted preview cancelled before dialling by rep-8 (customer in the do-not-call notes)',
  );
});

describe('decideAfterDecline', () => {
  test("offered again after the engagement's reattempt wait when it is longer than the minimum", () => {
    expect(decideAfterDecline(open, 1, { waitSeconds: 3600 }, now)).toEqual({
      kind: 'reoffer',
      at: new Date('2026-03-01T13:00:00.000Z'),
      detail: `CSRCancelled: preview offer declined by rep-7; offered again not before 2026-03-01T13:00:00.000Z (decline 1 of ${PREVIEW_DECLINE_LIMIT})`,
    });
  });

  test('never offered again sooner than the minimum, even with no reattempt wait', () => {
    const d = decideAfterDecline(accepted, 1, { waitSeconds: 0 }, now);
    expect(d.kind === 'reoffer' && d.at.getTime() - now.getTime()).toBe(PREVIEW_REOFFER_MIN_SECONDS * 1000);
  });

  test('bounded: the last decline allowed ends the delivery, the ones before do not', () => {
    expect(decideAfterDecline(open, PREVIEW_DECLINE_LIMIT - 1, { waitSeconds: 0 }, now).kind).toBe('reoffer');
    expect(decideAfterDecline(open, PREVIEW_DECLINE_LIMIT, { waitSeconds: 0 }, now)).toEqual({
      kind: 'stop',
      detail: `CSRCancelled: preview offer declined by rep-7; declined ${PREVIEW_DECLINE_LIMIT} time(s): not offered again`,
    });
  });
});
