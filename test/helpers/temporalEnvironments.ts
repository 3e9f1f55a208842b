import { TestWorkflowEnvironment } from '@temporalio/testing';
import { findTemporalCli, findTestServer } from '../../runtime/temporalExecutables';
import { searchAttributeTypes } from '../../temporal/searchAttributeRegistration';
import { ALL_SEARCH_ATTRIBUTES } from '../../temporal/searchAttributes';

/**
 * A real Temporal dev server (the CLI built by scripts/install-temporal-cli.sh) with our search attributes.
 * Without a local binary the SDK downloads one, which needs internet.
 */
export async function createLocalEnvironment(): Promise<TestWorkflowEnvironment> {
  const cli = findTemporalCli();
  return withStartRetries(() =>
    TestWorkflowEnvironment.createLocal({
      server: {
        ...(cli ? { executable: { type: 'existing-path', path: cli } } : {}),
        searchAttributes: ALL_SEARCH_ATTRIBUTES,
        ip: '127.0.0.1',
      },
    }),
  );
}

/**
 * The time-skipping test server (Maven jars + exec java wrapper from scripts/install-test-server.sh).
 * Without it the SDK downloads the server, which needs internet.
 */
export async function createTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const wrapper = findTestServer();
  const env = await withStartRetries(() =>
    TestWorkflowEnvironment.createTimeSkipping({
      server: wrapper ? { executable: { type: 'existing-path', path: wrapper } } : {},
    }),
  );
  await registerSearchAttributesOnTestServer(env);
  return env;
}

/** The test server has AddSearchAttributes but not ListSearchAttributes, so add them all unconditionally. */
async function registerSearchAttributesOnTestServer(env: TestWorkflowEnvironment): Promise<void> {
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: searchAttributeTypes(),
  });
}

/**
 * The SDK gives a starting server 5 s to accept connections; a JVM on a busy 2-core machine can take
 * longer. Only that startup timeout is retried: any other failure is a real one.
 */
async function withStartRetries<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      if (attempt >= attempts || !/did not start within/.test(String((err as Error)?.message ?? err))) throw err;
    }
  }
}
