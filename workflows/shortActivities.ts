import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/**
 * Short Postgres reads and writes (transitions, waits, the backlog row, contact touches, the
 * dispatcher's snapshot) run as local activities: inside the workflow task that asks for them, so
 * each costs no task round trip through the server (schedule, start, complete, a new workflow task),
 * which is most of what a delivery cost. Calls, messages and anything that may last stay ordinary
 * activities (dialNumber keeps its exactly-once intent row and heartbeats).
 *
 * Runs started before this change have those steps as ordinary activities in their histories: the
 * patch keeps them so when they replay. Once no such run is open, replace patched() by
 * deprecatePatch(SHORT_LOCAL_ACTIVITIES_PATCH) and drop the ordinary proxy.
 */
export const SHORT_LOCAL_ACTIVITIES_PATCH = 'short-db-steps-as-local-activities';

const options = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 50 },
} as const;

const ordinary = proxyActivities<Activities>(options);
const local = proxyLocalActivities<Activities>(options);

/** The proxy for a short database step: local for runs that start with this code, ordinary when replaying older ones. */
export function shortActivities(): Activities {
  return patched(SHORT_LOCAL_ACTIVITIES_PATCH) ? local : ordinary;
}
