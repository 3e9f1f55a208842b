/**
 * Quiet hours in the contact's own zone, exact on DST days, and frequency caps per local day,
 * on the time-skipping server with the real activities.
 */
import { DateTime } from 'luxon';
import { DAY, iso, localInstant, nextOffsetChange, single, useTimeSkippingHarness } from '../helpers/timeSkippingHarness';

const h = useTimeSkippingHarness('schedule-in-time-zones');

const QUIET_21_08 = [{ start: '21:00', end: '08:00' }];
const allTypes = (quietHours: Array<{ start: string; end: string }>) =>
  ['mobile', 'business', 'home'].map((type) => ({ type, quietHours })) as never;

/** Starts a delivery whose window opens at `opens` (a local time inside quiet hours) and returns when its one call was placed. */
async function callTimeFor(engagementId: string, contact: ReturnType<typeof single>, opens: DateTime): Promise<DateTime> {
  const { deliveryId, outcome } = await h.run({
    engagementId,
    contacts: [contact],
    windows: [{ start: iso(opens.toMillis()), end: iso(opens.toMillis() + 2 * DAY) }],
  });
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  const calls = await h.calls(deliveryId);
  expect(calls).toHaveLength(1);
  return DateTime.fromJSDate(calls[0]!.requested_at);
}

function expectJustAfter(actual: DateTime, expected: DateTime) {
  const lag = actual.toMillis() - expected.toMillis();
  expect(lag).toBeGreaterThanOrEqual(0);
  expect(lag).toBeLessThan(60_000);
}

test('America/New_York, spring forward: a quiet period ending 08:00 ends at 08:00 EDT', async () => {
  const engagementId = await h.engagement({ schedule: allTypes(QUIET_21_08) });
  const day = nextOffsetChange('America/New_York', await h.serverNow(), 'forward');
  const opens = localInstant(day, 1); // 01:00 EST, in quiet hours
  const called = await callTimeFor(engagementId, single('ny-spring', '+15550200001', 'America/New_York'), opens);
  const eight = localInstant(day, 8);
  expect(eight.offset).toBe(-240);
  expectJustAfter(called, eight);
  expect(called.setZone('America/New_York').toFormat('HH:mm')).toBe('08:00');
});

test('America/New_York, fall back: the quiet period ends at 08:00 EST, an hour later in UTC', async () => {
  const engagementId = await h.engagement({ schedule: allTypes(QUIET_21_08) });
  const day = nextOffsetChange('America/New_York', await h.serverNow(), 'back');
  const opens = localInstant(day, 0, 30);
  const called = await callTimeFor(engagementId, single('ny-fall', '+15550200002', 'America/New_York'), opens);
  const eight = localInstant(day, 8);
  expect(eight.offset).toBe(-300);
  expectJustAfter(called, eight);
});

test('Asia/Kolkata (+05:30): the call waits for 08:00 IST, i.e. 02:30 UTC', async () => {
  const engagementId = await h.engagement({ schedule: allTypes(QUIET_21_08) });
  const tomorrow = DateTime.fromMillis(await h.serverNow(), { zone: 'Asia/Kolkata' })
    .startOf('day')
    .plus({ days: 1 });
  const called = await callTimeFor(engagementId, single('kolkata', '+15550200003', 'Asia/Kolkata'), localInstant(tomorrow, 22));
  const eight = localInstant(tomorrow.plus({ days: 1 }), 8);
  expectJustAfter(called, eight);
  expect(eight.toUTC().toFormat('HH:mm')).toBe('02:30');
});

test('Australia/Lord_Howe, on its 30-minute DST change: the call is at 08:00 local', async () => {
  const engagementId = await h.engagement({ schedule: allTypes(QUIET_21_08) });
  const day = nextOffsetChange('Australia/Lord_Howe', await h.serverNow(), 'back');
  const called = await callTimeFor(engagementId, single('lord-howe', '+15550200004', 'Australia/Lord_Howe'), localInstant(day, 0, 15));
  expectJustAfter(called, localInstant(day, 8));
  expect(called.setZone('Australia/Lord_Howe').toFormat('HH:mm')).toBe('08:00');
});

test('an engagement in UTC mode applies quiet hours in UTC whatever the contact zone', async () => {
  const engagementId = await h.engagement({ schedule: allTypes(QUIET_21_08), timeZoneMode: 'utc' });
  const tomorrow = DateTime.fromMillis(await h.serverNow(), { zone: 'UTC' })
    .startOf('day')
    .plus({ days: 1 });
  // 02:00 UTC is 21:00 the day before in New York: quiet in UTC, not in New York local time.
  const called = await callTimeFor(engagementId, single('utc-mode', '+15550200005', 'America/New_York'), localInstant(tomorrow, 2));
  expectJustAfter(called, localInstant(tomorrow, 8));
});

test('a contact without a zone is evaluated in UTC', async () => {
  const engagementId = await h.engagement({ schedule: allTypes(QUIET_21_08) });
  const tomorrow = DateTime.fromMillis(await h.serverNow(), { zone: 'UTC' })
    .startOf('day')
    .plus({ days: 1 });
  const called = await callTimeFor(engagementId, single('no-zone', '+15550200006'), localInstant(tomorrow, 23));
  expectJustAfter(called, localInstant(tomorrow.plus({ days: 1 }), 8));
});

test('quiet hours are per phone type: a quiet mobile is skipped while the business number is called', async () => {
  const engagementId = await h.engagement({
    schedule: [
      { type: 'mobile', quietHours: [{ start: '00:00', end: '23:59' }] },
      { type: 'business', quietHours: [] },
    ],
  });
  const { deliveryId, outcome } = await h.run({
    engagementId,
    contacts: [
      {
        contactId: 'per-type',
        timeZone: 'Europe/Berlin',
        phones: [
          { type: 'mobile', number: '+15550200007' },
          { type: 'business', number: '+15550200008' },
        ],
      },
    ],
    windows: await h.window(0, 60_000),
  });
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  expect((await h.calls(deliveryId)).map((c) => c.to_address)).toEqual(['+15550200008']);
});

test('a cap of one call a day makes a second delivery to the same contact wait for its next local day', async () => {
  const engagementId = await h.engagement({ frequencyLimits: { perDay: 1 } });
  const otherEngagement = await h.engagement({ frequencyLimits: { perDay: 1 } });
  const contact = single('capped-tokyo', '+15550200009', 'Asia/Tokyo');
  const window = await h.window(0, 3 * DAY);
  const first = await h.run({ engagementId, contacts: [contact], windows: window });
  expect(first.outcome.result).toBe('CallEnded');
  // A different engagement: caps count every call to the contact, across engagements.
  const second = await h.run({ engagementId: otherEngagement, contacts: [contact], windows: window });
  expect(second.outcome.result).toBe('CallEnded');
  const firstCall = DateTime.fromJSDate((await h.calls(first.deliveryId))[0]!.requested_at);
  const secondCall = DateTime.fromJSDate((await h.calls(second.deliveryId))[0]!.requested_at);
  const nextTokyoMidnight = firstCall.setZone('Asia/Tokyo').startOf('day').plus({ days: 1 });
  expectJustAfter(secondCall, nextTokyoMidnight);
});

test('two concurrent deliveries cannot both take the last slot of the day', async () => {
  const engagementId = await h.engagement({ frequencyLimits: { perDay: 1 } });
  const contact = single('capped-race', '+15550200010', 'Europe/London');
  const window = await h.window(0, 3 * DAY);
  const [a, b] = await Promise.all([
    h.create({ engagementId, contacts: [contact], windows: window }),
    h.create({ engagementId, contacts: [contact], windows: window }),
  ]);
  await Promise.all([h.result(a), h.result(b)]);
  const times = [...(await h.calls(a)), ...(await h.calls(b))]
    .filter((c) => c.call_state && c.call_state !== 'NotPlaced')
    .map((c) => DateTime.fromJSDate(c.requested_at).setZone('Europe/London').toISODate());
  expect(times).toHaveLength(2);
  expect(new Set(times).size).toBe(2);
});

test('windows that never leave quiet hours end the delivery Expired without a call', async () => {
  const engagementId = await h.engagement({ schedule: allTypes(QUIET_21_08) });
  const tomorrow = DateTime.fromMillis(await h.serverNow(), { zone: 'UTC' })
    .startOf('day')
    .plus({ days: 1 });
  const { deliveryId, outcome } = await h.run({
    engagementId,
    contacts: [single('always-quiet', '+15550200011')],
    windows: [{ start: iso(localInstant(tomorrow, 22).toMillis()), end: iso(localInstant(tomorrow, 23).toMillis()) }],
  });
  expect(outcome).toMatchObject({ status: 'Expired', result: 'Expired' });
  expect(await h.calls(deliveryId)).toHaveLength(0);
});
