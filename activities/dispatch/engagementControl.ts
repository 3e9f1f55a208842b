import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../../db/connect';
import { type EngagementControlChange, updateEngagementControl } from '../../db/dispatchEngagements';
import type { Priority } from '../../domain/engagement';

export function createEngagementControlActivities({ db }: { db: Db }) {
  /**
   * Persists an engagement's state and/or priority (the dispatcher's updates and pacing-rule pauses).
   * A state change is a compare-and-set from the opposite state: `changed` is false when the
   * engagement was not in it (already paused, not paused, stopped), with the state it is in.
   */
  async function setEngagementControl(
    input: EngagementControlChange,
  ): Promise<{ changed: boolean; state: string; reason: string | null; priority: Priority }> {
    const saved = await updateEngagementControl(db, input);
    if (!saved) throw ApplicationFailure.nonRetryable(`no engagement "${input.engagementId}"`, 'UnknownEngagement');
    return saved;
  }

  return { setEngagementControl };
}
