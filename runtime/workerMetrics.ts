/**
 * The worker's Prometheus metrics: per-engagement `_total` counters of what its activities did (calls
 * placed, live answers, connects, abandons), counted where the call ends (the dialNumber activity's
 * result, through an activity interceptor) and default process metrics, served on the worker's own
 * /metrics. Each worker counts only its own events, so `sum()` over replicas is the fleet total.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActivityInboundCallsInterceptor, ActivityInterceptorsFactory } from '@temporalio/worker';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import type { DialNumberInput, DialNumberResult } from '../activities/calls';
import { isConnectedCall, isLiveAnswer } from '../domain/callState';

export function createWorkerMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'engine_worker_' });
  const counter = (name: string, help: string) => new Counter({ name, help, labelNames: ['engagement'] as const, registers: [registry] });
  const placed = counter('engine_calls_placed_total', 'Calls placed by this worker, by engagement');
  const liveAnswers = counter('engine_live_answers_total', 'Live answers (a person picked up), by engagement');
  const connects = counter('engine_connects_total', 'Live answers connected to a representative, by engagement');
  const abandons = counter('engine_abandons_total', 'Live answers abandoned (no representative in time), by engagement');

  /** Counts one finished dial. */
  function callEnded(input: Pick<DialNumberInput, 'engagementId'>, result: DialNumberResult): void {
    // A capped dial placed nothing; a completed one ended (Unknown included: it may have rung).
    if (result.kind !== 'completed') return;
    const labels = { engagement: input.engagementId };
    placed.inc(labels);
    if (!isLiveAnswer(result.facts)) return;
    liveAnswers.inc(labels);
    if (isConnectedCall(result.facts)) connects.inc(labels);
    else abandons.inc(labels);
  }

  /** The activity interceptor that counts the dialNumber activity's results. */
  const interceptor: ActivityInterceptorsFactory = (ctx) => {
    const inbound: ActivityInboundCallsInterceptor = {
      async execute(input, next) {
        const result = await next(input);
        if (ctx.info.activityType === 'dialNumber') callEnded(input.args[0] as DialNumberInput, result as DialNumberResult);
        return result;
      },
    };
    return { inbound };
  };

  return { registry, callEnded, interceptor };
}

export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;

/** Serves the registry at GET /metrics on `port` (0: any free port); resolves with the listening server. */
export async function serveWorkerMetrics(registry: Registry, port: number, host = '0.0.0.0') {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
      (err: Error) => res.writeHead(500).end(err.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return { server, port: (server.address() as AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => r())) };
}
