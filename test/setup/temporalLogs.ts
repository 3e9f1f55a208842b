import { DefaultLogger, Runtime } from '@temporalio/worker';

/**
 * Before each integration file (jest `setupFiles`): the Temporal SDK logs at WARN, so a run shows
 * the warnings and errors of workers and servers, not every worker start and poll at INFO.
 */
Runtime.install({ logger: new DefaultLogger('WARN') });
