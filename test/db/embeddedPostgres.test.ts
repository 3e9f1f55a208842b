/**
 * The embedded Postgres that `npm start` and the benches run: when Postgres exits before it is ready
 * (here: its port is taken), starting fails with an Error that says why, not with nothing
 * (`start failed: undefined`). In a process of its own (test/helpers/postgresProcess.ts): jest cannot
 * load the ESM-only package.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawnUntilReady } from '../helpers/spawnUntilReady';

test('a port already taken: the start fails with the reason Postgres logged', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'embedded-pg-'));
  chmodSync(dir, 0o755); // run as root, Postgres works as the `postgres` user
  const taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as net.AddressInfo).port;
  try {
    const started = spawnUntilReady(
      path.join(__dirname, '..', 'helpers', 'postgresProcess.ts'),
      { ...process.env, PG_DATA_DIR: path.join(dir, 'pg'), PG_PORT: String(port) },
      (output) => output.includes('ready\n'),
    );
    await expect(started).rejects.toThrow(
      new RegExp(`Postgres \\(port ${port}, [^)]*\\) exited before it was ready: [\\s\\S]*(in use|could not bind)`, 'i'),
    );
  } finally {
    taken.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
