/**
 * The Temporal SDK's process-wide runtime for a worker: its logs (the SDK's own, workflow `log` calls
 * and activity `Context.log`, core's forwarded) go to pino as one JSON stream, and the SDK's worker
 * metrics (task slots, polls, latencies) are exported for Prometheus at `metricsBindAddress`.
 * Install it once, before the first connection; tests that start their own environments do not.
 */
import type { LogLevel, LogMetadata, Logger as SdkLogger } from '@temporalio/common';
import { makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import type { Logger } from './logger';

const PINO_LEVEL = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/** The SDK's Logger interface over a pino logger: message and metadata (workflow or activity info) on one JSON line. */
export function pinoSdkLogger(logger: Logger): SdkLogger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => logger[PINO_LEVEL[level]]({ ...meta }, message);
  return {
    log,
    trace: (m, meta) => log('TRACE', m, meta),
    debug: (m, meta) => log('DEBUG', m, meta),
    info: (m, meta) => log('INFO', m, meta),
    warn: (m, meta) => log('WARN', m, meta),
    error: (m, meta) => log('ERROR', m, meta),
  };
}

export function installWorkerRuntime(options: { logger: Logger; metricsBindAddress?: string }): Runtime {
  return Runtime.install({
    logger: pinoSdkLogger(options.logger.child({ component: 'temporal-worker' })),
    telemetryOptions: {
      logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN' }) },
      ...(options.metricsBindAddress
        ? { metrics: { prometheus: { bindAddress: options.metricsBindAddress, countersTotalSuffix: true } } }
        : {}),
    },
  });
}
