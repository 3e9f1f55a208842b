import { historyQuery } from '../../../api/schemas/historyReport';

test('the history filters: calendar days, a known zone (UTC by default), the channels the domain names', () => {
  expect(historyQuery.parse({})).toEqual({ timeZone: 'UTC' });
  expect(historyQuery.parse({ from: '2026-02-28', to: '2026-03-01', timeZone: 'America/New_York', channel: 'sms', queueId: 'q' })).toEqual({
    from: '2026-02-28',
    to: '2026-03-01',
    timeZone: 'America/New_York',
    channel: 'sms',
    queueId: 'q',
  });
});

test.each([
  ['a day that does not exist', { from: '2027-02-30' }, ['from']],
  ['a timestamp, not a day', { to: '2026-03-01T00:00:00Z' }, ['to']],
  ['a day before 1970', { from: '1969-12-31' }, ['from']],
  ['an offset, not a zone', { timeZone: '+05:30' }, ['timeZone']],
  ['an unknown channel', { channel: 'fax' }, ['channel']],
  ['an empty engagement', { engagementId: '' }, ['engagementId']],
  ['a period that ends before it starts', { from: '2026-03-02', to: '2026-03-01' }, ['to']],
  ['an unknown filter', { status: 'Complete' }, ['']],
])('%s is refused, naming the filter', (_name, query, paths) => {
  const parsed = historyQuery.safeParse(query);
  expect(parsed.success).toBe(false);
  expect(parsed.error!.issues.map((i) => i.path.join('.'))).toEqual(paths);
});

test('the edges are accepted: the first day of 1970, and a period of one day', () => {
  expect(historyQuery.parse({ from: '1970-01-01', to: '1970-01-01' })).toEqual({ from: '1970-01-01', to: '1970-01-01', timeZone: 'UTC' });
});
