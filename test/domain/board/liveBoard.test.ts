import { WAIT_REASONS } from '../../../domain/delivery/waitingFor';
import {
  BACKLOG_STATES,
  backlogByState,
  backlogStateOf,
  occupancy,
  rollingAbandonPercent,
  timeRemainingMs,
} from '../../../domain/board/liveBoard';
import { rulesPeriodStartMs } from '../../../domain/dispatch/pacingRules';

test('every wait reason counts under exactly one backlog state; no wait is attempting', () => {
  for (const reason of WAIT_REASONS) {
    expect(BACKLOG_STATES.filter((s) => (s.reasons as readonly string[]).includes(reason))).toHaveLength(1);
  }
  expect(backlogStateOf('quiet-hours')).toBe('quiet-hours');
  expect(backlogStateOf('frequency-cap')).toBe('cap');
  expect(backlogStateOf('preview-offer')).toBe('dial-slot');
  expect(backlogStateOf('reattempt-wait')).toBe('reattempt');
  expect(backlogStateOf(null)).toBe('attempting');
});

test('backlog by state sums the reasons it gathers and lists every state', () => {
  expect(
    backlogByState([
      { reason: 'dial-slot', count: 4 },
      { reason: 'preview-offer', count: 1 },
      { reason: 'window', count: 2 },
      { reason: null, count: 3 },
    ]),
  ).toEqual({ window: 2, 'quiet-hours': 0, cap: 0, 'dial-slot': 5, 'queue-closed': 0, paused: 0, reattempt: 0, attempting: 3 });
});

test('occupancy and time remaining', () => {
  expect(occupancy(1, 3)).toBe(0.75);
  expect(occupancy(0, 0)).toBeNull();
  expect(timeRemainingMs(0, 0)).toBe(0);
  expect(timeRemainingMs(10, 0)).toBeNull();
  expect(timeRemainingMs(30, 60)).toBe(30 * 60_000);
});

test('rolling abandonment counts the rule period ending at each minute, cut at the last resume', () => {
  const t0 = Date.UTC(2026, 0, 1, 12, 0);
  const minutes = [
    { minuteMs: t0 - 3 * 3600_000, live: 10, abandoned: 5 }, // outside a 2 h window
    { minuteMs: t0 - 60_000, live: 10, abandoned: 1 },
    { minuteMs: t0, live: 10, abandoned: 0 },
  ];
  const rules = { abandonmentWindowHours: 2 };
  const points = rollingAbandonPercent(minutes, [t0 - 60_000, t0], (end) => rulesPeriodStartMs(rules, null, end));
  expect(points).toEqual([
    { live: 10, abandoned: 1 },
    { live: 20, abandoned: 1 },
  ]);
  // A resume at t0 restarts the count: the minute before no longer counts.
  const resumed = rollingAbandonPercent(minutes, [t0], (end) => rulesPeriodStartMs(rules, new Date(t0), end));
  expect(resumed).toEqual([{ live: 10, abandoned: 0 }]);
  // The three-hour-old minute counts under a 24 h window.
  expect(rollingAbandonPercent(minutes, [t0], (end) => rulesPeriodStartMs({ abandonmentWindowHours: 24 }, null, end))).toEqual([
    { live: 30, abandoned: 6 },
  ]);
});
