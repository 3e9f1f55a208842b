/**
 * `npm run bench:dispatch -- --from-csv 100000 [--max-ai-calls 100]`: one CSV upload of N rows (one
 * number each, so N deliveries, windows open now) to an AI-agent engagement, on the real stack run as
 * in production (Temporal dev server, embedded Postgres, the worker and the API as processes of their
 * own, the HTTP simulator answering at once), until every delivery is dialled and final. Prints the
 * wall time of each phase, the peak RSS of each process and the dispatcher's runs and history events.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startApiProcess } from '../apiProcess';
import { startBenchServices } from '../benchServices';
import { uploadCsv, writeContactsCsv } from '../contactsCsv';
import { procStatusBytes } from '../productProcess';
import { startWorkerProcess } from '../workerProcess';
import { storeApiKey } from '../../api/auth';
import { freePort } from '../../runtime/freePort';

const TASK_QUEUE = 'bench-campaign';
const ENGAGEMENT = 'bench-campaign';
const FINAL = ['Complete', 'Expired', 'Cancelled', 'Error'];

const t0 = Date.now();
const secs = (from: number, to = Date.now()) => ((to - from) / 1000).toFixed(1);
const log = (line: string) => console.log(`[${secs(t0).padStart(7)} s] ${line}`);
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MiB`;

/** Pids whose command line matches, read from /proc. */
function pidsMatching(test: (cmdline: string) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (test(readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' '))) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** The process's proportional set size (shared pages divided among their users), 0 once it is gone. */
function pssBytes(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Pss:'));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export async function csvCampaign(rows: number, maxAiCalls: number): Promise<void> {
  const { stack, workDir, pgPort, db, temporal: env, simulator, productEnv } = await startBenchServices('campaign', { dbConnections: 4 });
  try {
    const file = path.join(workDir, 'contacts.csv');
    await writeContactsCsv(file, rows, {
      households: false,
      badEvery: 0,
      window: { start: new Date(Date.now() - 60_000), end: new Date(Date.now() + 24 * 3600_000) },
    });
    log(`file: ${rows} rows, one number each`);

    simulator.dialer.setDefaultOutcome({ state: 'Answered', ringMs: 0 });
    const worker = await startWorkerProcess({ ...productEnv(TASK_QUEUE), WORKER_METRICS_PORT: 'off', TEMPORAL_METRICS_ADDRESS: 'off' });
    stack.add(() => worker.stop());
    const apiPort = await freePort();
    const api = await startApiProcess({ ...productEnv(TASK_QUEUE), API_PORT: String(apiPort) });
    stack.add(() => api.stop());
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const temporalPort = env.address.split(':').pop()!;
    const temporalPids = pidsMatching((c) => c.includes('start-dev') && c.includes(`--port ${temporalPort}`));
    const postgresPids = () => pidsMatching((c) => c.startsWith('postgres') || c.includes(`-p ${pgPort}`));

    const admin = await storeApiKey(db, 'bench-admin', ['admin']);
    const integration = await storeApiKey(db, 'bench-integration', ['integration']);
    const created = await fetch(`${apiUrl}/v1/engagements`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        engagementId: ENGAGEMENT,
        name: ENGAGEMENT,
        engagementType: 'ai-agent',
        dialMode: 'ai-agent',
        dialModeSettings: { maxConcurrentAiCalls: maxAiCalls },
        routing: { queueId: 'bench-queue', queueDisplayNumber: '+15550109999' },
        schedule: [{ type: 'mobile', quietHours: [] }],
      }),
    });
    if (created.status !== 201) throw new Error(`engagement: ${created.status} ${await created.text()}`);
    log(`stack up: Temporal dev server (pid ${temporalPids.join(',') || '?'}), Postgres, worker, API (${apiUrl})`);

    // Postgres is several processes sharing its buffers: its peak is the sampled sum of their proportional sets (PSS).
    let postgresPeak = 0;
    const sampler = setInterval(() => {
      const total = postgresPids().reduce((sum, pid) => sum + pssBytes(pid), 0);
      postgresPeak = Math.max(postgresPeak, total);
    }, 2000);
    stack.add(async () => clearInterval(sampler));

    const start = Date.now();
    const res = await uploadCsv(`${apiUrl}/v1/engagements/${ENGAGEMENT}/uploads`, file, integration);
    if (res.status !== 202) throw new Error(`upload refused: ${res.status} ${res.body}`);
    const uploadId = (JSON.parse(res.body) as { uploadId: string }).uploadId;
    let stored = 0;
    let scheduled = 0;
    let lastLog = 0;
    for (;;) {
      if (!stored || !scheduled) {
        const upload = (await (
          await fetch(`${apiUrl}/v1/uploads/${uploadId}`, { headers: { Authorization: `Bearer ${integration}` } })
        ).json()) as { state: string; error: string | null };
        if (upload.state === 'failed') throw new Error(`upload failed: ${upload.error}`);
        if (!stored && !['receiving', 'validating', 'storing'].includes(upload.state)) {
          stored = Date.now();
          log(`upload stored after ${secs(start)} s`);
        }
        if (!scheduled && upload.state === 'completed') {
          scheduled = Date.now();
          log(`every delivery workflow started after ${secs(start)} s`);
        }
      }
      const counts = await db
        .selectFrom('deliveries')
        .select((eb) => [eb.fn.countAll<string>().as('all'), eb.fn.countAll<string>().filterWhere('status', 'in', FINAL).as('final')])
        .where('engagement_id', '=', ENGAGEMENT)
        .executeTakeFirstOrThrow();
      const dialled = Number(
        (
          await db
            .selectFrom('calls')
            .innerJoin('deliveries', 'deliveries.delivery_id', 'calls.delivery_id')
            .select((eb) => eb.fn.count<string>('calls.delivery_id').distinct().as('n'))
            .where('deliveries.engagement_id', '=', ENGAGEMENT)
            .executeTakeFirstOrThrow()
        ).n,
      );
      const final = Number(counts.final);
      if (scheduled && final >= Number(counts.all)) break;
      if (Date.now() - lastLog >= 30_000) {
        lastLog = Date.now();
        const rate = dialled / ((Date.now() - start) / 1000);
        log(`  ${counts.all} stored, ${dialled} dialled, ${final} final (${rate.toFixed(1)} dialled/s since the upload)`);
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
    const end = Date.now();
    const totals = await db
      .selectFrom('deliveries')
      .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
      .where('engagement_id', '=', ENGAGEMENT)
      .groupBy('status')
      .execute();
    const calls = await db
      .selectFrom('calls')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();

    // The dispatcher's runs (continue-as-new makes a chain of them) and their history events.
    let runs = 0;
    let events = 0;
    for await (const execution of env.client.workflow.list({ query: `WorkflowType = 'dispatcherWorkflow'` })) {
      runs += 1;
      // The list's historyLength is 0 for a run still open: its description has it.
      events += (await env.client.workflow.getHandle(execution.workflowId, execution.runId).describe()).historyLength;
    }
    const ticks = await db
      .selectFrom('pacing_ticks')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const atRequest = await db
      .selectFrom('request_grant_minutes')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('grants'), eb.lit(0)).as('n'))
      .executeTakeFirstOrThrow();

    console.log(`\n| ${rows}-row CSV upload, dialled on the instant simulator | value |`);
    console.log('| --- | ---: |');
    console.log(`| stored (validated and written) | ${secs(start, stored)} s |`);
    console.log(`| every delivery workflow started | ${secs(start, scheduled)} s |`);
    console.log(`| every delivery dialled and final | ${secs(start, end)} s (${(rows / ((end - start) / 1000)).toFixed(1)}/s) |`);
    console.log(`| deliveries by status | ${totals.map((t) => `${t.status} ${t.n}`).join(', ')} |`);
    console.log(`| calls placed | ${calls.n} |`);
    console.log(`| dispatcher runs, history events | ${runs}, ${events} |`);
    console.log(`| dispatcher ticks recorded, slots granted at the request | ${ticks.n}, ${atRequest.n} |`);
    console.log(`| peak RSS: API (npm run api) | ${mib(api.memory().peakRss)} |`);
    console.log(`| peak RSS: worker | ${mib(worker.memory().peakRss)} |`);
    console.log(
      `| peak RSS: Temporal dev server | ${temporalPids.map((pid) => mib(procStatusBytes(pid, 'VmHWM'))).join(', ') || 'not found'} |`,
    );
    console.log(`| peak memory: Postgres, the PSS of all its processes (sampled every 2 s) | ${mib(postgresPeak)} |`);
  } finally {
    await stack.stopAll();
  }
}
