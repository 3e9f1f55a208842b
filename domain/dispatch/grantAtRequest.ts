/**
 * Grants at the request: a delivery whose pool has room is given its dial slot in the same step that
 * puts it in the backlog, instead of waiting for the dispatcher's next tick and a grant signal. Only
 * where the limit is a count the request can check under the pool's lock (AI agent: concurrent calls),
 * never where pacing needs representatives' availability or what the dispatcher has learnt.
 */
import type { DialMode, DialModeSettings } from '../engagement';
import type { PacingRules } from './pacingRules';

/** The most slots the pool may hold in flight for an engagement of this dial mode; undefined: no plain count limits it. */
export function poolInFlightLimit(dialMode: DialMode, settings: Pick<DialModeSettings, 'maxConcurrentAiCalls'>): number | undefined {
  return dialMode === 'ai-agent' ? settings.maxConcurrentAiCalls : undefined;
}

export interface RequestGrantContext {
  engagement: {
    state: string;
    dialMode: DialMode;
    dialModeSettings: Pick<DialModeSettings, 'maxConcurrentAiCalls' | 'allowOutsideQueueHours'>;
    pacingRules?: Partial<Pick<PacingRules, 'maxAverageWaitSeconds' | 'maxQueueSharePercent'>>;
  };
  pool: {
    /** The dispatcher sleeps: it must wake (and re-check the engagement's rules) before anything is granted. */
    idle: boolean;
    /** What the dispatcher last saw of the queue's hours (null: not yet seen). */
    queueOpen: boolean | null;
  };
  /** A delivery of an active engagement already waits in the pool: the dispatcher orders the backlog. */
  othersWaiting: boolean;
  /** Slots the pool holds now (offered or granted, not yet released). */
  poolInFlight: number;
}

/** Why a request is not granted on the spot (it waits for the dispatcher), or undefined when it is. */
export function requestGrantRefusal(ctx: RequestGrantContext): string | undefined {
  const { engagement: e, pool } = ctx;
  const limit = poolInFlightLimit(e.dialMode, e.dialModeSettings);
  if (limit === undefined) return `${e.dialMode} is paced by the dispatcher`;
  if (e.state !== 'active') return `the engagement is ${e.state}`;
  if (pool.idle) return 'the dispatcher is idle';
  if (!e.dialModeSettings.allowOutsideQueueHours && pool.queueOpen !== true) return 'the queue is not known to be open';
  // Rules that hold calls back on the queue's figures are the dispatcher's to apply each tick.
  if (e.pacingRules?.maxAverageWaitSeconds !== undefined || e.pacingRules?.maxQueueSharePercent !== undefined)
    return 'a pacing rule reads the queue';
  if (ctx.othersWaiting) return 'other deliveries wait in the pool';
  if (ctx.poolInFlight >= limit) return `the pool holds ${ctx.poolInFlight} of ${limit} slots`;
  return undefined;
}

/** The grant id of a slot granted at the request (one per delivery attempt: a retried request finds its own row). */
export function requestGrantId(deliveryId: string, attempt: number): string {
  return `request-${deliveryId}-${attempt}`;
}
