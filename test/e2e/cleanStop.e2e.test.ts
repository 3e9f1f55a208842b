/**
 * `npm start` stops cleanly however it is stopped: Ctrl-C (SIGINT to the whole process group, which npm
 * also relays), SIGTERM to the group, and a second Ctrl-C during the stop. Each time the whole group and
 * the Temporal dev server (its own group) are gone within a bound, and every port is free again.
 * The same data directory is reused, so each start after the first also proves the previous stop left
 * nothing that blocks a restart.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../runtime/freePort';
import { findTemporalCli } from '../../runtime/temporalExecutables';

const ROOT = path.resolve(__dirname, '../..');
const STARTUP_LIMIT_MS = 180_000;
/** A stop is bounded by its steps' timeouts; this is what a person waits for at worst. */
const STOP_LIMIT_MS = 45_000;

jest.setTimeout(3 * (STARTUP_LIMIT_MS + STOP_LIMIT_MS));

interface RunningStack {
  child: ChildProcess;
  ports: number[];
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let dataDir: string;

beforeAll(() => {
  if (!findTemporalCli()) {
    throw new Error('the Temporal CLI is missing: run `bash scripts/install-temporal-cli.sh` (cached in ~/.cache/engagement-engine)');
  }
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'engine-stop-'));
  chmodSync(dataDir, 0o755); // embedded Postgres, run as root, works as the `postgres` user
});
// A failed start reports the reason from the logs, so the 65 MB directory is not kept for it.
afterAll(() => dataDir && rmSync(dataDir, { recursive: true, force: true }));

/**
 * Starts `npm start` on free ports. A port picked free can be taken by a test running beside this one
 * before `npm start` binds it: that start fails saying so (Address already in use), and is tried once
 * more on other ports. Any other failure fails the test.
 */
async function startStack(): Promise<RunningStack> {
  try {
    return await startStackOnce();
  } catch (err) {
    if (!/address already in use/i.test((err as Error).message)) throw err;
    return startStackOnce();
  }
}

async function startStackOnce(): Promise<RunningStack> {
  const [api, simulator, temporal, temporalUi, postgres] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    API_PORT: String(api),
    SIMULATOR_PORT: String(simulator),
    TEMPORAL_PORT: String(temporal),
    TEMPORAL_UI_PORT: String(temporalUi),
    POSTGRES_PORT: String(postgres),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  for (const name of ['TEMPORAL_ADDRESS', 'DATABASE_URL', 'DIALER_URL', 'SMS_GATEWAY_URL', 'AVAILABILITY_URL', 'TEMPORAL_UI_URL'])
    delete env[name];
  // Its own process group, as a terminal gives it: the group is what Ctrl-C signals.
  const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    // 'close', not 'exit': the last lines it wrote ("stopped ...") are read by then.
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  while (!output.includes('is running.')) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) {
      signalGroup(child, 'SIGKILL');
      throw new Error(`npm start was not running after ${STARTUP_LIMIT_MS / 1000} s:\n${output}`);
    }
    await sleep(250);
  }
  return { child, ports: [api, simulator, temporal, temporalUi, postgres], output: () => output, exit };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  process.kill(-child.pid!, signal);
}

/** Live processes (zombies hold nothing) in the stack's group, or the dev server on this data directory. */
function leftovers(groupId: number): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
  return ps
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .filter((line) => {
      const [, pgid, stat] = line.split(/\s+/);
      if (stat?.startsWith('Z')) return false;
      return Number(pgid) === groupId || line.includes(path.join(dataDir, 'temporal'));
    });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function expectStopped(stack: RunningStack, startedStopAt: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), STOP_LIMIT_MS)));
  const outcome = await Promise.race([stack.exit, hung]).finally(() => clearTimeout(timer));
  if (outcome === 'hung') {
    const left = leftovers(stack.child.pid!);
    signalGroup(stack.child, 'SIGKILL');
    throw new Error(`npm start did not stop within ${STOP_LIMIT_MS / 1000} s; left: ${left.join(' | ')}\n${stack.output()}`);
  }
  const elapsed = Date.now() - startedStopAt;
  expect(elapsed).toBeLessThan(STOP_LIMIT_MS);
  // The group's leader (npm) exits after its child: give the rest a moment to be reaped.
  const deadline = Date.now() + 5_000;
  while (leftovers(stack.child.pid!).length > 0 && Date.now() < deadline) await sleep(100);
  expect(leftovers(stack.child.pid!)).toEqual([]);
  for (const port of stack.ports) expect(await portIsFree(port)).toBe(true);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

test('Ctrl-C (SIGINT to the group) stops every part, the Temporal dev server included', async () => {
  const stack = await startStack();
  const at = Date.now();
  signalGroup(stack.child, 'SIGINT');
  await expectStopped(stack, at);
  expect(stack.output()).toContain('stopped Temporal dev server');
  expect(stack.output()).toContain('stopped Postgres');
});

test('SIGTERM to the group stops every part', async () => {
  const stack = await startStack();
  const at = Date.now();
  signalGroup(stack.child, 'SIGTERM');
  await expectStopped(stack, at);
  expect(stack.output()).toContain('stopped Temporal dev server');
});

test('a second Ctrl-C during the stop forces it, and still nothing is left', async () => {
  const stack = await startStack();
  const at = Date.now();
  signalGroup(stack.child, 'SIGINT');
  // Past the one-second window in which a repeat is taken for npm's relay of the first signal.
  await sleep(1_100);
  try {
    signalGroup(stack.child, 'SIGINT');
  } catch (err) {
    // ESRCH: the stop was faster than a second Ctrl-C; what follows must hold all the same.
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
  await expectStopped(stack, at);
});
