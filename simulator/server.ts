import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Scenario } from '../domain/callModel';
import { type CallScript, DEFAULT_CALL_SCRIPT } from './callScript';
import { createSimulatorApp } from './app';
import { ResultPusher } from './callResults';
import { DialerSimulator } from './dialerSimulator';
import type { RepresentativesConfig } from './representativePool';
import { SmsSink } from './smsSink';

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The dialer's per-number script; DEFAULT_CALL_SCRIPT when absent. */
  script?: CallScript;
  /** A representative pool live answers must reach within `_AbandonSeconds`; off when absent. */
  representatives?: RepresentativesConfig;
  /**
   * Every /v2/call is acknowledged this many ms after the call is placed (a slow dialer), from the start
   * and after every reset; PUT /sim/faults still changes it at run time.
   */
  acknowledgeDelayMs?: number;
  /** Stochastic mode from the start (and after every reset): outcomes and representatives follow this scenario. */
  stochastic?: Scenario;
  /** Results carry seed 004's fields only (DialerSimulator.seed004Only), from the start and after every reset. */
  seed004Only?: boolean;
  /** The clock of the dialer and the SMS sink (tests inject one); the wall clock by default. Must not go backwards. */
  now?: () => Date;
}

export interface RunningSimulator {
  url: string;
  dialer: DialerSimulator;
  sms: SmsSink;
  /** What POST /sim/reset does: forgets calls, messages and faults; restores the start script, representatives and SMS statuses. */
  reset(): void;
  close(): Promise<void>;
}

/** Starts the simulator (dialer, SMS gateway, /sim admin) on loopback; port 0 picks a free port. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const script = options.script ?? DEFAULT_CALL_SCRIPT;
  const dialer = new DialerSimulator(script, options.now, {
    representatives: options.representatives,
    stochastic: options.stochastic,
    seed004Only: options.seed004Only,
  });
  const sms = new SmsSink(options.now);
  const startFaults = (): void => {
    if (options.acknowledgeDelayMs) dialer.fault = { responseDelayMs: options.acknowledgeDelayMs };
  };
  startFaults();
  const reset = (): void => {
    dialer.reset(script);
    startFaults();
    sms.reset();
  };
  const app = createSimulatorApp(dialer, { sms, reset });
  const pusher = new ResultPusher(dialer);
  const host = options.host ?? '127.0.0.1';
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    dialer,
    sms,
    reset,
    close: () => {
      pusher.stop();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
