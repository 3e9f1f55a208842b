import type { Context } from '@temporalio/activity';
import type { ActivityExecuteInput } from '@temporalio/worker';
import { createWorkerMetrics, serveWorkerMetrics } from '../../runtime/workerMetrics';

/** Runs the metrics interceptor around an activity of `type` that answers `result`. */
async function run(metrics: ReturnType<typeof createWorkerMetrics>, type: string, engagementId: string, result: unknown) {
  const { inbound } = metrics.interceptor({ info: { activityType: type } } as unknown as Context);
  const input = { args: [{ engagementId }], headers: {} } as unknown as ActivityExecuteInput;
  return inbound!.execute!(input, async () => result);
}

test('the dialNumber results count calls placed, live answers, connects and abandons per engagement', async () => {
  const metrics = createWorkerMetrics();
  await run(metrics, 'dialNumber', 'e1', { kind: 'completed', facts: { state: 'Answered', answeringMachine: false, abandoned: false } });
  await run(metrics, 'dialNumber', 'e1', { kind: 'completed', facts: { state: 'Answered', answeringMachine: false, abandoned: true } });
  await run(metrics, 'dialNumber', 'e1', { kind: 'completed', facts: { state: 'Answered', answeringMachine: true } });
  await run(metrics, 'dialNumber', 'e2', { kind: 'completed', facts: { state: 'Busy' } });
  // A capped dial placed nothing; other activities count nothing.
  await run(metrics, 'dialNumber', 'e2', { kind: 'capped', freeAt: null });
  expect(await run(metrics, 'recordOutcome', 'e2', { kind: 'completed', facts: { state: 'Answered' } })).toMatchObject({
    kind: 'completed',
  });

  const served = await serveWorkerMetrics(metrics.registry, 0, '127.0.0.1');
  try {
    const text = await (await fetch(`http://127.0.0.1:${served.port}/metrics`)).text();
    expect(text).toMatch(/^engine_calls_placed_total\{engagement="e1"\} 3$/m);
    expect(text).toMatch(/^engine_calls_placed_total\{engagement="e2"\} 1$/m);
    expect(text).toMatch(/^engine_live_answers_total\{engagement="e1"\} 2$/m);
    expect(text).toMatch(/^engine_connects_total\{engagement="e1"\} 1$/m);
    expect(text).toMatch(/^engine_abandons_total\{engagement="e1"\} 1$/m);
    expect(text).not.toMatch(/engine_live_answers_total\{engagement="e2"\}/);
    // Default process metrics beside them.
    expect(text).toMatch(/^engine_worker_process_cpu_user_seconds_total /m);
    expect((await fetch(`http://127.0.0.1:${served.port}/other`)).status).toBe(404);
  } finally {
    await served.close();
  }
});
