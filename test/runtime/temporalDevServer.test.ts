/**
 * A dev server that exits before it answers fails the start with what it logged: the reason (here a
 * taken UI port), not only a log file to go and read; `npm start` shows it and cleanStop.e2e retries on it.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../runtime/freePort';
import { startTemporalDevServer } from '../../runtime/temporalDevServer';
import { findTemporalCli } from '../../runtime/temporalExecutables';

test('a dev server whose UI port is taken fails the start with its own words', async () => {
  const cliPath = findTemporalCli();
  if (!cliPath) throw new Error('the Temporal CLI is missing: run `bash scripts/install-temporal-cli.sh`');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dev-server-taken-'));
  const taken = net.createServer().listen(0, '127.0.0.1');
  await once(taken, 'listening');
  try {
    const uiPort = (taken.address() as net.AddressInfo).port;
    await expect(startTemporalDevServer({ cliPath, dataDir, port: await freePort(), uiPort, namespace: 'default' })).rejects.toThrow(
      new RegExp(`exited with code 1: .*address already in use.*\\(log: ${dataDir}/temporal.log\\)`),
    );
  } finally {
    taken.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
