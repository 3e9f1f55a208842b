import { z } from 'zod';
import { BACKLOG_STATE_NAMES } from '../../domain/board/liveBoard';
import { PRIORITIES } from '../../domain/engagement';
import { ENGAGEMENT_TEXT_MAX as TEXT } from '../../domain/engagementLimits';
import { requiredText } from './common';

/** The longest series one request reads (a day of minutes), and the default (an hour). */
export const BOARD_MINUTES_MAX = 24 * 60;
export const BOARD_MINUTES_DEFAULT = 60;

export const boardQuery = z.strictObject({
  minutes: z.coerce.number().int().min(1).max(BOARD_MINUTES_MAX).default(BOARD_MINUTES_DEFAULT),
});

export const poolPath = z.object({ poolKey: requiredText(TEXT.identifier) });

const count = z.number().int().min(0);
const fraction = z.number().nullable();

/** One engagement's part of the board: its live dispatch figures and its abandonment over its rule's own period. */
export const boardEngagement = z.object({
  engagementId: z.string(),
  state: z.string(),
  reason: z.string().nullable(),
  priority: z.enum(PRIORITIES).nullable(),
  dialMode: z.string(),
  /** From the dispatcher's last tick (null when it could not be asked). */
  waiting: count.nullable(),
  inFlight: count.nullable(),
  dialModeAllowance: z.number().nullable(),
  ruleAllowance: z.number().nullable(),
  allowance: z.number().nullable(),
  heldBy: z.string().nullable(),
  abandonment: z.object({
    windowHours: z.number(),
    capPercent: z.number(),
    minimumLiveAnswers: z.number(),
    since: z.string(),
    /** Live answers whose abandonment the dialer reported: the rule's denominator. */
    liveAnswers: count,
    abandoned: count,
    ratePercent: z.number().nullable(),
  }),
});

export const boardResponse = z.object({
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('engagement'), engagementId: z.string(), poolKey: z.string().nullable() }),
    z.object({ kind: z.literal('pool'), poolKey: z.string() }),
  ]),
  at: z.string(),
  tiles: z.object({
    pending: count,
    inProgress: count,
    completed: count,
    total: count,
    throughputLastHour: count,
    timeRemainingMs: z.number().nullable(),
    /** The seed's definitions: abandoned and connected calls as a share of calls placed. */
    abandonedRate: fraction,
    connectRate: fraction,
    averageHandleMs: z.number().nullable(),
    callsPlaced: count,
  }),
  representatives: z.object({
    /** `dispatcher`: its last tick, asked now; `recorded`: the last tick it recorded; `none`: neither. */
    source: z.enum(['dispatcher', 'recorded', 'none']),
    at: z.string().nullable(),
    available: count.nullable(),
    busy: count.nullable(),
    offline: count.nullable(),
    occupancy: fraction,
    withinOperatingHours: z.boolean().nullable(),
    availabilityError: z.string().nullable(),
  }),
  dialing: z.object({
    inFlight: count.nullable(),
    ringing: count.nullable(),
    allowance: z.number().nullable(),
    answerProbability: z.number().nullable(),
    handleMs: z.number().nullable(),
  }),
  abandonment: z.object({ ratePercent: z.number().nullable(), capPercent: z.number().nullable(), liveAnswers: count, abandoned: count }),
  backlog: z.record(z.enum(BACKLOG_STATE_NAMES as [string, ...string[]]), count),
  engagements: z.array(boardEngagement),
  series: z.object({
    minutes: z.array(z.string()),
    callsPlaced: z.array(count),
    connects: z.array(count),
    abandonPercent: z.array(z.number().nullable()),
    capPercent: z.number().nullable(),
    occupancy: z.array(z.number().nullable()),
    backlog: z.array(count),
  }),
});

export type BoardResponse = z.infer<typeof boardResponse>;
export type BoardEngagement = z.infer<typeof boardEngagement>;
