import { ApplicationFailure, condition, patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  DEFAULT_DISPATCHER_OPTIONS,
  type DispatcherCarry,
  type DispatcherInput,
  type DispatcherOptions,
  type DispatchPool,
  type EngagementAtTick,
  initialCarry,
  learn,
  pausesDue,
  planGrants,
  poolMayIdle,
  steer,
} from '../domain/dispatch';
import type { PacingMinuteBucket, PacingTickRecord, PacingWrite } from '../db/pacingDecisions';
import type { Priority } from '../domain/engagement';
import { answerProbability } from '../domain/pacing';
import { addTick, buildTickRecord, decisionSignature, PENDING_MINUTES_MAX, pendingMinutes } from './pacingTickRecord';
import type { DispatcherStatus, EngagementControlResult } from './dispatcherMessages';
import { SHORT_LOCAL_ACTIVITIES_PATCH } from './shortActivities';

const activityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '10 seconds' },
} as const;
const { grantDialSlots, setEngagementControl, recordPacingTick } = proxyActivities<Activities>(activityOptions);
const ordinary = proxyActivities<Activities>(activityOptions);
const local = proxyLocalActivities<Activities>(activityOptions);
/** The tick's snapshot read and idle mark are short: local activities, as in shortActivities.ts (same patch). */
const tickReads = (): Pick<Activities, 'loadDispatchSnapshot' | 'markPoolIdle'> =>
  patched(SHORT_LOCAL_ACTIVITIES_PATCH) ? local : ordinary;

/**
 * Pacing learns the queue's average handle time with a spread (LearnOptions). It changes predictive
 * grants, so runs started before it replay with the old learning; once none is open, deprecatePatch.
 */
export const HANDLE_TIME_SPREAD_PATCH = 'pacing-handle-time-with-spread';

/**
 * A pool stays awake for `idleAfterQuietTicks` quiet ticks before it is marked idle (DispatcherOptions).
 * Runs started before it went idle at the first quiet tick, and replay so; once none is open, deprecatePatch.
 */
export const IDLE_AFTER_QUIET_TICKS_PATCH = 'dispatcher-idle-after-quiet-ticks';

type KnownEngagement = Pick<EngagementAtTick, 'engagementId' | 'state' | 'reason' | 'priority' | 'waiting' | 'inFlight'>;

export type ControlChange = { state?: 'active' | 'paused'; reason?: string | null; priority?: Priority };

/**
 * How a tick ended: `overlapped` when an engagement update ran during its read (redo it now), `idle` when
 * the pool was marked idle (sleep until woken), `ticked` otherwise.
 */
export type TickOutcome = 'overlapped' | 'idle' | 'ticked';

/** One dispatcher run's state and the steps that change it; the workflow's handlers and loop call these. */
export class DispatcherState {
  readonly pool: DispatchPool;
  readonly options: DispatcherOptions;
  readonly carry: DispatcherCarry;
  /** Work may be waiting: skip or cut short the next sleep. */
  woken = false;
  idle = false;
  /** The engagements of the last tick, overlaid by the updates since (validators read it). */
  private readonly known = new Map<string, KnownEngagement>();
  /** Bumped when an update starts changing an engagement: a tick whose snapshot overlaps one is redone. */
  private controlEpoch = 0;
  private controlsRunning = 0;
  /** Minute aggregates of the ticks not yet written (sent with the next write). */
  private readonly pacingPending = new Map<string, PacingMinuteBucket>();
  /** The last written decision and queue state: an unchanged tick without grants writes nothing. */
  private pacingSignature?: string;
  private queueOpen?: boolean;
  /** The last tick's record, answered by the status query (the live board reads it). */
  private lastTick?: PacingTickRecord;

  constructor(input: DispatcherInput) {
    this.pool = input.pool;
    this.options = { ...DEFAULT_DISPATCHER_OPTIONS, ...input.options };
    this.carry = input.carried ?? initialCarry();
    this.carry.run += 1;
  }

  wake(): void {
    this.woken = true;
  }

  /** The engagement's state as last seen (a tick, or an update since); undefined when not seen. */
  stateOf(engagementId: string): string | undefined {
    return this.known.get(engagementId)?.state;
  }

  status(): DispatcherStatus {
    return {
      poolKey: this.pool.poolKey,
      run: this.carry.run,
      ticks: this.carry.ticks,
      granted: this.carry.granted,
      idle: this.idle,
      engagements: [...this.known.values()].map((e) => ({ ...e })),
      answerProbability: answerProbability(this.carry.estimates),
      ...(this.lastTick ? { lastTick: this.lastTick } : {}),
    };
  }

  /** Persists an operator's change to an engagement; fails the update (not the workflow) when it did not apply. */
  async control(engagementId: string, change: ControlChange): Promise<EngagementControlResult> {
    this.controlEpoch += 1;
    this.controlsRunning += 1;
    let saved: Awaited<ReturnType<typeof setEngagementControl>>;
    try {
      saved = await setEngagementControl({ engagementId, ...change });
    } finally {
      this.controlsRunning -= 1;
    }
    const entry = this.known.get(engagementId) ?? { engagementId, waiting: 0, inFlight: 0 };
    this.known.set(engagementId, { ...entry, state: saved.state, reason: saved.reason, priority: saved.priority });
    if (!saved.changed) {
      // The caller learns it did not take effect, and why.
      const why = saved.state === 'paused' ? 'already paused' : saved.state === 'active' ? 'not paused' : saved.state;
      throw ApplicationFailure.nonRetryable(`engagement ${engagementId} is ${why}`, 'NotApplied');
    }
    this.woken = true;
    return { engagementId, state: saved.state === 'paused' ? 'paused' : 'active', priority: saved.priority, reason: saved.reason };
  }

  /** Writes the aggregates of the ticks not yet written (before the run continues as new). */
  async flushPacing(runId: string): Promise<void> {
    if (this.pacingPending.size === 0) return;
    await recordPacingTick(this.takePacingWrite(`${runId}-${this.carry.ticks}-flush`, undefined, undefined));
  }

  private takePacingWrite(writeId: string, tick: PacingTickRecord | undefined, queueOpen: boolean | undefined): PacingWrite {
    const buckets = [...this.pacingPending.values()];
    this.pacingPending.clear();
    return { writeId, poolKey: this.pool.poolKey, buckets, ...(tick ? { tick } : {}), ...(queueOpen !== undefined ? { queueOpen } : {}) };
  }

  /**
   * One tick: read the pool, learn and steer, pause engagements that break a rule, grant the slots the
   * planner hands out, and mark the pool idle when nothing is left to do.
   */
  async tick(runId: string): Promise<TickOutcome> {
    const { carry } = this;
    this.woken = false;
    carry.ticks += 1;
    const epoch = this.controlEpoch;
    const snap = await tickReads().loadDispatchSnapshot({
      pool: this.pool,
      outcomeCursor: carry.outcomeCursor,
      extraEngagementIds: [...this.known.keys()],
    });
    carry.controller = steer(carry.controller, snap.engagements);
    Object.assign(carry, learn(carry, snap, { handleTimeWithSpread: patched(HANDLE_TIME_SPREAD_PATCH) }));
    if (epoch !== this.controlEpoch || this.controlsRunning > 0) {
      // A pause/resume/priority change overlapped this read: its figures may predate the change.
      await condition(() => this.controlsRunning === 0);
      return 'overlapped';
    }
    const pausedNow = new Set<string>();
    for (const due of pausesDue(snap.engagements)) {
      // Compare-and-set: an operator's pause or stop that got there first stays as it is.
      const saved = await setEngagementControl({ engagementId: due.engagementId, state: 'paused', reason: due.reason });
      if (saved.changed) pausedNow.add(due.engagementId);
      const e = snap.engagements.find((x) => x.engagementId === due.engagementId)!;
      e.state = saved.state;
      e.reason = saved.reason;
    }
    this.known.clear();
    for (const e of snap.engagements) {
      const { engagementId, state, reason, priority, waiting, inFlight } = e;
      this.known.set(engagementId, { engagementId, state, reason, priority, waiting, inFlight });
    }

    const knowledge = { estimates: carry.estimates, controller: carry.controller };
    const plan = planGrants(snap, knowledge, carry.roundRobinAfter);
    carry.roundRobinAfter = plan.roundRobinAfter;
    const grantId = `${runId}-${carry.ticks}`;
    const record = buildTickRecord(grantId, carry.run, carry.ticks, snap, knowledge, plan.grants, pausedNow);
    addTick(this.pacingPending, record);
    this.lastTick = record;
    const signature = decisionSignature(record);
    // Unknown availability says nothing of the queue's hours.
    const queueOpen = snap.availabilityError === undefined ? snap.withinOperatingHours : this.queueOpen;
    const queueChange = queueOpen !== this.queueOpen ? queueOpen : undefined;
    const changed = signature !== this.pacingSignature;
    this.pacingSignature = signature;
    this.queueOpen = queueOpen;
    if (plan.grants.length > 0) {
      // The grant's activity writes the tick it belongs to: no extra event in this history.
      const pacing = this.takePacingWrite(grantId, record, queueChange);
      const { granted } = await grantDialSlots({ pool: this.pool, grantId, grants: plan.grants, pacing });
      carry.granted += granted;
    } else if (changed || queueChange !== undefined || pendingMinutes(this.pacingPending) > PENDING_MINUTES_MAX) {
      await recordPacingTick(this.takePacingWrite(grantId, changed ? record : undefined, queueChange));
    }
    if (!poolMayIdle(snap)) {
      carry.quietTicks = 0;
      return 'ticked';
    }
    if (carry.quietTicks !== undefined) {
      carry.quietTicks += 1;
      if (carry.quietTicks <= this.options.idleAfterQuietTicks && patched(IDLE_AFTER_QUIET_TICKS_PATCH)) return 'ticked';
    }
    delete carry.quietTicks;
    if ((await tickReads().markPoolIdle({ poolKey: this.pool.poolKey })).idle) return 'idle';
    return 'ticked';
  }
}
