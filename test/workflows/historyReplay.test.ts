/**
 * Histories recorded by earlier versions of the workflows replay with today's code: a change to what a
 * workflow does that is not behind `patched()` makes a running delivery or dispatcher fail on its next
 * task after a deploy, and this is where it shows.
 *
 * test/workflows/histories/<commit>/ holds binary History protos recorded on the real dev server by
 * that commit's code (recordHistories.ts: deliveries agentless answered, no answer twice, progressive,
 * AI agent, SMS; the three pools' dispatchers). 56753f3 is the last commit before the short database
 * steps became local activities (`patched('short-db-steps-as-local-activities')`); 27386c2 is after it;
 * 7d25214 adds slots granted at the request; bf8ae21's dispatchers carry the marker of
 * `patched('pacing-handle-time-with-spread')`, the earlier ones replay without it.
 * Record a new set when a release changes the workflows, and keep the old ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { testWorkflowBundle } from '../helpers/workflowBundle';

const ROOT = path.join(__dirname, 'histories');
const recorded = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap(({ name: commit }) =>
    readdirSync(path.join(ROOT, commit))
      .filter((f) => f.endsWith('.history.pb'))
      .map((f) => path.join(commit, f)),
  );

test('there are recorded histories to replay', () => {
  expect(recorded.length).toBeGreaterThanOrEqual(16);
});

test.each(recorded)('%s replays with the current workflow code', async (file) => {
  const history = temporal.api.history.v1.History.decode(readFileSync(path.join(ROOT, file)));
  expect(history.events.length).toBeGreaterThan(3);
  await Worker.runReplayHistory({ workflowBundle: testWorkflowBundle() }, history, path.basename(file, '.history.pb'));
});
