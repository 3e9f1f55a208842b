import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { CallScript } from './callScript';
import { createSimulatorApp } from './app';
import { DialerSimulator } from './dialerSimulator';

export interface RunningSimulator {
  url: string;
  dialer: DialerSimulator;
  close(): Promise<void>;
}

/** Starts the simulator on loopback; port 0 picks a free port. */
export async function startSimulator(options: { port?: number; host?: string; script?: CallScript } = {}): Promise<RunningSimulator> {
  const dialer = new DialerSimulator(options.script);
  const app = createSimulatorApp(dialer);
  const host = options.host ?? '127.0.0.1';
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    dialer,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
