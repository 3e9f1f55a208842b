import { Client, Connection } from '@temporalio/client';
import { type InternalConnectionOptions, InternalConnectionOptionsSymbol } from '@temporalio/client/lib/connection';
import { msToTs, tsToMs } from '@temporalio/common/lib/time';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { createHttpAvailabilityClient } from '../../activities/availabilityClient';
import { createHttpDialerClient, type HttpDialerClientOptions } from '../../activities/dialerClient';
import { createHttpSmsGatewayClient } from '../../activities/smsGatewayClient';
import { createDelivery, type NewDeliveryRequest } from '../../api/deliveryService';
import { deliveryWorkflowId } from '../../temporal/workflowIds';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { createWorker, type EngineWorker } from '../../worker';
import { type DeliveryOutcome, deliveryStateQuery } from '../../workflows/deliveryMessages';
import { engagementConfig, type EngagementInput, insertEngagement } from './fixtures';
import { createTimeSkippingEnvironment } from './temporalEnvironments';
import { createTestDatabase, type TestDatabase } from './testDatabase';
import { testWorkflowBundle } from './workflowBundle';

export const DAY = 24 * 3600 * 1000;
export const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The delivery workflow on the time-skipping server with its real activities, a private Postgres
 * database and the HTTP simulator. Windows are built from the server's clock, which runs ahead of
 * real time once a test has skipped.
 */
export class TimeSkippingHarness {
  env!: TestWorkflowEnvironment;
  /**
   * A plain client: unlike env.client, its result() does not unlock time skipping, so time moves only
   * when result() below skips it. Its own connection pings rarely: the test server's gRPC rejects
   * 30-second keepalives ("excess pings") after a few minutes and calls then hang.
   */
  client!: Client;
  private connection?: Connection;
  database!: TestDatabase;
  simulator!: RunningSimulator;
  private worker?: EngineWorker;
  private workerRun?: Promise<void>;
  private engagements = 0;
  private started: string[] = [];

  /** `dialer`: how the engine's dialer client is set up (timeout, whether the dialer deduplicates). */
  constructor(
    readonly taskQueue: string,
    private readonly dialer: HttpDialerClientOptions = {},
  ) {}

  /** Postgres and the simulator: once per file. */
  async start(): Promise<void> {
    this.database = await createTestDatabase();
    this.simulator = await startSimulator();
  }

  /**
   * A fresh time-skipping server and worker: once per test. Its clock is global, and a long-lived
   * server was seen to stop registering activity completions after a dozen tests, so none is shared.
   */
  async startTemporal(): Promise<void> {
    this.env = await createTimeSkippingEnvironment();
    const options: InternalConnectionOptions = {
      address: this.env.address,
      channelArgs: { 'grpc.keepalive_time_ms': 10 * 60_000, 'grpc.keepalive_permit_without_calls': 0 },
      [InternalConnectionOptionsSymbol]: { supportsTestService: true },
    };
    this.connection = await Connection.connect(options);
    this.client = new Client({ connection: this.connection });
    // The engine's own worker set: deliveries, dispatchers and upload scheduling on their queues.
    this.worker = await createWorker({
      connection: this.env.nativeConnection,
      namespace: 'default',
      taskQueue: this.taskQueue,
      workflowBundle: testWorkflowBundle(),
      db: this.database.db,
      dialer: createHttpDialerClient(this.simulator.url, this.dialer),
      sms: createHttpSmsGatewayClient(this.simulator.url),
      availability: createHttpAvailabilityClient(this.simulator.url),
      temporal: this.client,
      pollIntervalMs: 50,
    });
    this.workerRun = this.worker.run();
  }

  /**
   * Terminates deliveries (and their SMS follow-ups) a test left running: on a shared time-skipping
   * server, a leftover timer would let later tests' result() calls skip time to it. Returns their ids.
   */
  async terminateLeftovers(): Promise<string[]> {
    const ids = [...this.started];
    const followUps = await this.db
      .selectFrom('deliveries')
      .select('delivery_id')
      .where('parent_delivery_id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000'])
      .execute();
    ids.push(...followUps.map((r) => r.delivery_id));
    this.started = [];
    const leftovers: string[] = [];
    for (const id of ids) {
      const description = await this.handle(id)
        .describe()
        .catch(() => undefined);
      if (description?.status.name === 'RUNNING') {
        leftovers.push(id);
        await this.handle(id).terminate('left running by a test');
      }
    }
    return leftovers;
  }

  async stopTemporal(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.workerRun;
    // Idempotent: afterEach stops the server, and afterAll's stop() comes here again.
    await this.connection?.close();
    await this.env?.teardown();
    this.connection = undefined;
    this.env = undefined as unknown as TestWorkflowEnvironment;
    this.worker = undefined;
    this.workerRun = undefined;
  }

  async stop(): Promise<void> {
    await this.stopTemporal();
    await Promise.all([this.database?.drop(), this.simulator?.close()]);
  }

  get db() {
    return this.database.db;
  }

  async engagement(overrides: EngagementInput = {}, id = `eng-${++this.engagements}`): Promise<string> {
    await insertEngagement(this.db, id, engagementConfig(overrides));
    return id;
  }

  async serverNow(): Promise<number> {
    const { time } = await this.testService().getCurrentTime({});
    return tsToMs(time);
  }

  /** Moves the server's clock forward by exactly `ms`. */
  async skip(ms: number): Promise<void> {
    await this.testService().unlockTimeSkippingWithSleep({ duration: msToTs(ms) });
  }

  private testService() {
    const service = this.connection?.testService;
    if (!service) throw new Error('the harness connection has no test service');
    return service;
  }

  /** One window starting `offsetMs` from the server's now. */
  async window(offsetMs = 0, durationMs = DAY): Promise<Array<{ start: string; end: string }>> {
    const now = await this.serverNow();
    return [{ start: iso(now + offsetMs), end: iso(now + offsetMs + durationMs) }];
  }

  async create(request: NewDeliveryRequest): Promise<string> {
    const { deliveryId } = await createDelivery(
      { db: this.db, temporal: this.client, taskQueue: this.taskQueue },
      { ...request, windows: request.windows ?? (await this.window()) },
    );
    this.started.push(deliveryId);
    return deliveryId;
  }

  handle(deliveryId: string) {
    return this.client.workflow.getHandle(deliveryWorkflowId(deliveryId));
  }

  /**
   * Waits for the outcome, skipping time only to the timer the workflow says it waits on.
   * (A plain result() lets the test server skip time while activities run in real time, past their
   * timeouts and the windows.)
   */
  async result(deliveryId: string, timeoutMs = 60_000): Promise<DeliveryOutcome> {
    const handle = this.handle(deliveryId);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const description = await handle.describe();
      if (description.status.name !== 'RUNNING') return handle.result();
      // Only a workflow with no activity in flight may be waiting on a timer worth skipping to.
      const busy = (description.raw.pendingActivities?.length ?? 0) > 0;
      const state = busy ? undefined : await handle.query(deliveryStateQuery).catch(() => undefined);
      const skip = state?.timerUntil ? Date.parse(state.timerUntil) - (await this.serverNow()) : 0;
      if (skip > 0) await this.skip(skip);
      else await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`delivery ${deliveryId} did not finish within ${timeoutMs} ms`);
  }

  async run(request: NewDeliveryRequest): Promise<{ deliveryId: string; outcome: DeliveryOutcome }> {
    const deliveryId = await this.create(request);
    return { deliveryId, outcome: await this.result(deliveryId) };
  }

  async delivery(deliveryId: string) {
    return this.db.selectFrom('deliveries').selectAll().where('delivery_id', '=', deliveryId).executeTakeFirstOrThrow();
  }

  async calls(deliveryId: string) {
    return this.db
      .selectFrom('calls')
      .selectAll()
      .where('delivery_id', '=', deliveryId)
      .orderBy('requested_at')
      .orderBy('call_id')
      .execute();
  }

  async attempts(deliveryId: string) {
    return this.db.selectFrom('attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt_number').execute();
  }
}

/** A contact with one number. */
export function single(contactId: string, number: string, timeZone?: string, type: 'mobile' | 'business' | 'home' = 'mobile') {
  return { contactId, timeZone, phones: [{ type, number }] };
}

/**
 * The next local date (at or after `fromMs`) on which `zone` changes its UTC offset in the given direction,
 * so DST tests keep testing a real transition whatever day they run.
 */
export function nextOffsetChange(zone: string, fromMs: number, direction: 'forward' | 'back'): DateTime {
  let day = DateTime.fromMillis(fromMs, { zone }).startOf('day').plus({ days: 1 });
  for (let i = 0; i < 800; i++) {
    const next = day.plus({ days: 1 });
    const delta = next.offset - day.offset;
    if ((direction === 'forward' && delta > 0) || (direction === 'back' && delta < 0)) return day;
    day = next;
  }
  throw new Error(`no ${direction} offset change found for ${zone}`);
}

/** A wall-clock time on a local date, as a UTC instant. */
export function localInstant(date: DateTime, hour: number, minute = 0): DateTime {
  return date.set({ hour, minute, second: 0, millisecond: 0 });
}

/**
 * Registers the jest hooks of a time-skipping test file: Postgres and the simulator for the file,
 * a fresh server and worker per test, and a failure when a test leaves a delivery running.
 */
export function useTimeSkippingHarness(taskQueue: string, dialer: HttpDialerClientOptions = {}): TimeSkippingHarness {
  const h = new TimeSkippingHarness(taskQueue, dialer);
  beforeAll(() => h.start());
  afterAll(() => h.stop());
  beforeEach(async () => {
    h.simulator.reset();
    await h.startTemporal();
  });
  afterEach(async () => {
    const leftovers = await h.terminateLeftovers();
    await h.stopTemporal();
    expect(leftovers).toEqual([]);
  });
  return h;
}
