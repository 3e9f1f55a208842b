/**
 * `npm run bench:live [-- --minutes 30 --scenario collections --seed 1 --baseline progressive|none --modes predictive,progressive]`
 *
 * Pacing on the live engine: the real stack (Temporal dev server, embedded Postgres, the product's
 * worker process, the API, the HTTP simulator in stochastic mode) runs a predictive engagement for a
 * shift of `--minutes`, then (unless `--baseline none`) a progressive ×1 engagement for as long on the
 * same stack. The figures come from the simulator's call log and are summarised by the pure bench's
 * code, beside the pure bench (bench/pacing) run on the same scenario and duration (mean of `--seeds`),
 * once seeing the answers waiting for a representative and once, as the live engine's dialer reports
 * them, only at their connect or abandon.
 * The scenario is one of bench/pacing/scenarios.json (by name), or a file given with `--file`.
 */
import { once } from 'node:events';
import { startWorkerProcess } from '../workerProcess';
import { readFileSync } from 'node:fs';
import { startBenchServices } from '../benchServices';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import pino from 'pino';
import { createApp } from '../../api/app';
import type { Db } from '../../db/connect';
import { storeApiKey } from '../../api/auth';
import { answerProbabilityAt, meanHandleMs, parseScenario, type Scenario } from '../../domain/callModel';
import { average, type ShiftMetrics, summarise } from '../pacing/metrics';
import { type PolicyRun, simulateShift } from '../pacing/simulation';
import { liveShiftRecord } from './liveShift';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    scenario: { type: 'string', default: 'collections' },
    file: { type: 'string', default: path.join(__dirname, '../pacing/scenarios.json') },
    seed: { type: 'string', default: '1' },
    seeds: { type: 'string', default: '5' },
    baseline: { type: 'string', default: 'progressive' },
    // `--modes progressive` runs the baseline alone (e.g. after a predictive run with `--baseline none`).
    modes: { type: 'string', default: 'predictive,progressive' },
  },
});
const MODES = new Set(args.modes.split(',').map((m) => m.trim()));
if (args.baseline === 'none') MODES.delete('progressive');
for (const m of MODES) if (m !== 'predictive' && m !== 'progressive') throw new Error(`--modes: unknown mode "${m}"`);
const MINUTES = Number(args.minutes);
const SHIFT_MS = MINUTES * 60_000;
const TASK_QUEUE = 'bench-live';
const scenarioFile = readFileSync(args.file, 'utf8');
const scenario: Scenario = parseScenario(scenarioFile, args.scenario, { seed: Number(args.seed) });
const policies = (JSON.parse(scenarioFile) as { policies?: PolicyRun[] }).policies ?? [];
const policyRun = (label: string): PolicyRun => {
  const found = policies.find((p) => p.label === label);
  if (!found) throw new Error(`${args.file} has no policy "${label}"`);
  return found;
};

const t0 = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pooled(n: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

async function countWaiting(db: Db, engagementId: string): Promise<number> {
  const row = await db
    .selectFrom('dispatch_queue')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('engagement_id', '=', engagementId)
    .where('state', '=', 'waiting')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Enough numbers that the list never runs dry: the shift's connects at full occupancy over the answer rate, with margin. */
function listSize(s: Scenario): number {
  const minP = Math.min(...Array.from({ length: Math.ceil(MINUTES / 60) + 1 }, (_, h) => answerProbabilityAt(s, h)));
  return Math.ceil(((s.agents * SHIFT_MS) / meanHandleMs(s) / Math.max(minP, 0.02)) * 1.5) + 50;
}

interface Row {
  label: string;
  m: ShiftMetrics;
}

function table(rows: Row[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const head = ['run', 'occupancy', 'abandon', 'worst window', 'connects/agent-h', 'dials/connect', 'p99 wait s'];
  const body = rows.map((r) => [
    r.label,
    pct(r.m.occupancy),
    pct(r.m.abandonRate),
    pct(r.m.worstHourAbandonRate),
    r.m.connectsPerAgentHour.toFixed(1),
    Number.isFinite(r.m.dialsPerConnect) ? r.m.dialsPerConnect.toFixed(2) : '-',
    r.m.p99ConnectDelayS.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}

function pure(label: string): Row {
  const seeds = Number(args.seeds);
  const runs = Array.from({ length: seeds }, (_, i) =>
    summarise(simulateShift(scenario, policyRun(label), scenario.seed + i, MINUTES / 60)),
  );
  return { label: `pure bench, ${label} (mean of ${seeds} seeds)`, m: average(runs) };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  log(`scenario "${scenario.name}": ${scenario.agents} representatives, shift ${MINUTES} min, seed ${scenario.seed}`);
  const { stack, db, temporal: env, simulator, productEnv } = await startBenchServices('live');
  const rows: Row[] = [];
  try {
    const worker = await startWorkerProcess(productEnv(TASK_QUEUE));
    stack.add(() => worker.stop());
    const app = createApp({ db, temporal: env.client, taskQueue: TASK_QUEUE, logger: pino({ level: 'silent' }) });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    stack.add(() => new Promise((r) => server.close(() => r(undefined))));
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const keys = {
      admin: await storeApiKey(db, 'bench-admin', ['admin']),
      integration: await storeApiKey(db, 'bench-integration', ['integration']),
    };
    const post = async (key: string, urlPath: string, body: unknown, expected = 201) => {
      const res = await fetch(apiUrl + urlPath, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== expected) throw new Error(`POST ${urlPath}: ${res.status} ${await res.text()}`);
    };
    const { dialer } = simulator;

    /** One engagement's shift on the live stack; returns its row. */
    const shift = async (dialMode: 'predictive' | 'progressive', index: number): Promise<Row> => {
      const engagementId = `live-${dialMode}`;
      const queueId = `queue-${dialMode}`;
      dialer.closedQueues.add(queueId);
      await post(keys.admin, '/v1/engagements', {
        engagementId,
        name: engagementId,
        routing: { queueId, queueDisplayNumber: '+15550109999' },
        schedule: [{ type: 'mobile', quietHours: [] }],
        dialMode,
        dialModeSettings: { callsPerRepresentative: 1 },
        // The grace the simulator gives a live answer is the one pacing plans with.
        abandonment: { seconds: scenario.graceSeconds, message: 'Sorry, all our representatives are busy.' },
      });
      const n = listSize(scenario);
      const accepting = Date.now();
      await pooled(n, 16, async (i) => {
        const number = `+1555${String(index * 1_000_000 + 3_000_000 + i).slice(-7)}`;
        await post(keys.integration, '/v1/deliveries', {
          engagementId,
          contacts: [{ contactId: `${dialMode}-${i}`, phones: [{ type: 'mobile', number }] }],
        });
      });
      log(`${dialMode}: ${n} deliveries accepted in ${((Date.now() - accepting) / 1000).toFixed(0)} s; waiting for the backlog`);
      while ((await countWaiting(db, engagementId)) < n) await sleep(500);
      // The shift starts: a fresh seeded stream and every representative free, and the queue opens.
      dialer.setStochastic(scenario);
      dialer.closedQueues.delete(queueId);
      const startMs = Date.now();
      for (let minute = 1; Date.now() < startMs + SHIFT_MS; minute++) {
        await sleep(Math.max(0, Math.min(startMs + minute * 60_000, startMs + SHIFT_MS) - Date.now()));
        const so = summarise(
          liveShiftRecord(dialer.listCalls(), scenario.agents, startMs, Math.min(Date.now(), startMs + SHIFT_MS) - startMs),
        );
        log(
          `${dialMode} minute ${minute}: occupancy ${(so.occupancy * 100).toFixed(1)}%, abandon ${(so.abandonRate * 100).toFixed(1)}%, ` +
            `dials/connect ${so.dialsPerConnect.toFixed(2)}, waiting ${await countWaiting(db, engagementId)}`,
        );
      }
      // 409: the abandonment rule paused it already during the shift (say so: the figures show why).
      const pause = await fetch(`${apiUrl}/v1/engagements/${engagementId}/pause`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${keys.admin}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ reason: 'bench shift over' }),
      });
      if (pause.status === 409)
        log(
          `${dialMode}: already paused before the end of the shift (${((await pause.json()) as { error: { message: string } }).error.message})`,
        );
      else if (pause.status !== 200) throw new Error(`pause: ${pause.status} ${await pause.text()}`);
      dialer.closedQueues.add(queueId);
      // Live answers near the end are decided by the pool once their instant passes.
      await sleep(Number(scenario.graceSeconds) * 1000 + 1000);
      const record = liveShiftRecord(dialer.listCalls(), scenario.agents, startMs, SHIFT_MS);
      log(`${dialMode}: ${record.dials} dials, ${record.live.length} live answers in the shift`);
      return { label: `live engine, ${dialMode}`, m: summarise(record) };
    };

    if (MODES.has('predictive')) {
      rows.push(pure('predictive 3%'));
      // The live engine's view (answers reported at connect, handle time only as the queue's average):
      // the pure bench under the same view shows what it costs the policy.
      rows.push(pure('predictive 3%, as the live engine sees'));
      rows.push(await shift('predictive', 0));
    }
    if (MODES.has('progressive')) {
      rows.push(pure('progressive x1'));
      rows.push(await shift('progressive', 1));
    }
  } finally {
    await stack.stopAll();
  }
  console.log(
    `\nbench:live — scenario "${scenario.name}" (${scenario.agents} representatives, answer probability ${JSON.stringify(scenario.answerProbability)}, ` +
      `mean handle ${(meanHandleMs(scenario) / 1000).toFixed(0)} s), shift ${MINUTES} min, abandonment target 3%\n`,
  );
  console.log(table(rows));
  const live = rows.find((r) => r.label === 'live engine, predictive');
  const bench = rows.find((r) => r.label.startsWith('pure bench, predictive 3% ('));
  if (live && bench) console.log(`\noccupancy, live minus pure bench: ${((live.m.occupancy - bench.m.occupancy) * 100).toFixed(1)} points`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
