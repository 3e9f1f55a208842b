import type { RequestHandler } from 'express';
import type { AppDeps } from './appDeps';
import { databaseUnavailable, temporalUnavailable } from './errors';

const CHECK_TIMEOUT_MS = 2_000;

/**
 * 200 when Postgres and Temporal both answer within 2 s; otherwise the 503 (with Retry-After) of the
 * first one down, so a load balancer takes this instance out until they are back.
 */
export function healthCheck(deps: Pick<AppDeps, 'db' | 'temporal'>): RequestHandler {
  return async (_req, res) => {
    const database = await withinTimeout(deps.db.selectNoFrom((eb) => eb.val(1).as('ok')).execute());
    if (!database) throw databaseUnavailable('health check');
    const connection = deps.temporal.connection;
    const temporal = await withinTimeout(
      connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () => connection.workflowService.getSystemInfo({})),
    );
    if (!temporal) throw temporalUnavailable('health check');
    res.json({ status: 'ok' });
  };
}

async function withinTimeout(work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((r) => (timer = setTimeout(() => r(false), CHECK_TIMEOUT_MS)));
  try {
    return await Promise.race([
      work.then(
        () => true as const,
        () => false as const,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
