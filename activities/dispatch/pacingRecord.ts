import type { Db } from '../../db/connect';
import { type PacingWrite, recordPacing } from '../../db/pacingDecisions';

export function createPacingRecordActivities({ db }: { db: Db }) {
  /**
   * Writes what the dispatcher decided at ticks without grants (a changed decision, a pause, the
   * queue's hours) and the minute aggregates of the ticks since its last write. Idempotent.
   */
  async function recordPacingTick(write: PacingWrite): Promise<void> {
    await recordPacing(db, write);
  }

  return { recordPacingTick };
}
