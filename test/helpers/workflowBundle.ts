/** The workflow bundle built once per run by globalSetup. */
export function testWorkflowBundle(): { codePath: string } {
  const codePath = process.env.TEST_WORKFLOW_BUNDLE;
  if (!codePath) throw new Error('TEST_WORKFLOW_BUNDLE is not set: run tests through jest (test/setup/globalSetup.ts)');
  return { codePath };
}
