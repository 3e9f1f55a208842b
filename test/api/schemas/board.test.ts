/** The live board's query (how many minutes of series) and the shape of what it answers. */
import { BOARD_MINUTES_DEFAULT, BOARD_MINUTES_MAX, boardEngagement, boardQuery, boardResponse, poolPath } from '../../../api/schemas/board';
import { BACKLOG_STATE_NAMES } from '../../../domain/board/liveBoard';

const paths = (r: { error?: { issues: Array<{ path: PropertyKey[] }> } }) => (r.error?.issues ?? []).map((i) => i.path.join('.'));

describe('the board query', () => {
  test('an hour by default, at most a day of minutes, read from the query string', () => {
    expect(boardQuery.parse({})).toEqual({ minutes: BOARD_MINUTES_DEFAULT });
    expect(BOARD_MINUTES_DEFAULT).toBe(60);
    expect(BOARD_MINUTES_MAX).toBe(1440);
    expect(boardQuery.parse({ minutes: '1' })).toEqual({ minutes: 1 });
    expect(boardQuery.parse({ minutes: '1440' })).toEqual({ minutes: 1440 });
    for (const minutes of ['0', '1441', '1.5', 'x']) expect(paths(boardQuery.safeParse({ minutes }))).toEqual(['minutes']);
    expect(paths(boardQuery.safeParse({ minute: '5' }))).toEqual(['']);
  });

  test('a pool key is a non-empty identifier', () => {
    expect(poolPath.parse({ poolKey: 'queue-1' })).toEqual({ poolKey: 'queue-1' });
    expect(paths(poolPath.safeParse({ poolKey: '' }))).toEqual(['poolKey']);
  });
});

const engagement = {
  engagementId: 'e1',
  state: 'running',
  reason: null,
  priority: null,
  dialMode: 'progressive',
  waiting: 3,
  inFlight: 0,
  dialModeAllowance: 2,
  ruleAllowance: null,
  allowance: 2,
  heldBy: null,
  abandonment: {
    windowHours: 24,
    capPercent: 3,
    minimumLiveAnswers: 20,
    since: '2026-11-30T00:00:00.000Z',
    liveAnswers: 40,
    abandoned: 1,
    ratePercent: 2.5,
  },
};

const board = {
  scope: { kind: 'engagement', engagementId: 'e1', poolKey: 'q1' },
  at: '2026-11-30T12:00:00.000Z',
  tiles: {
    pending: 5,
    inProgress: 1,
    completed: 7,
    total: 13,
    throughputLastHour: 7,
    timeRemainingMs: null,
    abandonedRate: 0.01,
    connectRate: 0.5,
    averageHandleMs: 120000,
    callsPlaced: 14,
  },
  representatives: {
    source: 'dispatcher',
    at: '2026-11-30T11:59:58.000Z',
    available: 2,
    busy: 3,
    offline: 0,
    occupancy: 0.6,
    withinOperatingHours: true,
    availabilityError: null,
  },
  dialing: { inFlight: 1, ringing: 1, allowance: 2, answerProbability: 0.4, handleMs: 90000 },
  abandonment: { ratePercent: 2.5, capPercent: 3, liveAnswers: 40, abandoned: 1 },
  backlog: Object.fromEntries(BACKLOG_STATE_NAMES.map((s, i) => [s, i])),
  engagements: [engagement],
  series: {
    minutes: ['2026-11-30T11:59:00.000Z'],
    callsPlaced: [2],
    connects: [1],
    abandonPercent: [null],
    capPercent: 3,
    occupancy: [0.5],
    backlog: [5],
  },
};

describe('the board answer', () => {
  test('a whole board is read back field for field', () => {
    expect(boardResponse.parse(board)).toEqual(board);
    expect(boardEngagement.parse(engagement)).toEqual(engagement);
  });

  test('a pool board names the pool; a scope of another kind is not a board', () => {
    const pool = { ...board, scope: { kind: 'pool', poolKey: 'q1' } };
    expect(boardResponse.parse(pool)).toEqual(pool);
    expect(paths(boardResponse.safeParse({ ...board, scope: { kind: 'queue', poolKey: 'q1' } }))).toEqual(['scope.kind']);
    expect(paths(boardResponse.safeParse({ ...board, scope: { kind: 'pool' } }))).toEqual(['scope.poolKey']);
  });

  test.each(['dispatcher', 'recorded', 'none'])('representatives may come from %s', (source) => {
    const answer = { ...board, representatives: { ...board.representatives, source } };
    expect(boardResponse.parse(answer).representatives.source).toBe(source);
  });

  test('counts are whole and not negative', () => {
    expect(paths(boardResponse.safeParse({ ...board, tiles: { ...board.tiles, pending: -1 } }))).toEqual(['tiles.pending']);
    expect(paths(boardResponse.safeParse({ ...board, tiles: { ...board.tiles, total: 1.5 } }))).toEqual(['tiles.total']);
    expect(paths(boardResponse.safeParse({ ...board, representatives: { ...board.representatives, source: 'guess' } }))).toEqual([
      'representatives.source',
    ]);
  });
});
