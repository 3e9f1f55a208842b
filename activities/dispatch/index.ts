/** Dispatch activities, one concept per file: the backlog, the tick's snapshot, granting, engagement control, pacing records. */
import { type BacklogActivitiesDeps, createBacklogActivities } from './backlog';
import { createEngagementControlActivities } from './engagementControl';
import { createGrantActivities } from './grants';
import { createPacingRecordActivities } from './pacingRecord';
import { createSnapshotActivities, type SnapshotActivitiesDeps } from './snapshot';

export type DispatchActivitiesDeps = BacklogActivitiesDeps & SnapshotActivitiesDeps;

export function createDispatchActivities(deps: DispatchActivitiesDeps) {
  return {
    ...createBacklogActivities(deps),
    ...createSnapshotActivities(deps),
    ...createGrantActivities(deps),
    ...createEngagementControlActivities(deps),
    ...createPacingRecordActivities(deps),
  };
}
