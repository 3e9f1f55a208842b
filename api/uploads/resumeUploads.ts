import { randomUUID } from 'node:crypto';
import { access, rm } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import { readHeader } from '../../domain/csvIntake/columns';
import { UPLOAD_STALE_AFTER_MS } from '../../domain/csvIntake/uploadStates';
import { snapshotEngagement, type EngagementConfig } from '../../domain/engagement';
import { readCsvHeader } from './csvRecords';
import { spoolPath } from './spoolBody';
import { processUpload } from './uploadIntake';

/** An upload untouched this long while validating or storing has lost the process working on it. */
export const RESUME_AFTER_MS = 60_000;

/**
 * Resumes uploads an API process stopped working on (crash, restart) while validating or storing,
 * when their spooled file is still on this machine: validation runs again (idempotent) and storing
 * skips the chains already committed. Each upload is claimed with one conditional update, so two API
 * processes never resume the same one. Uploads whose file is gone are left to their scheduling
 * workflow, which fails them after UPLOAD_STALE_AFTER_MS and schedules what was stored.
 * Returns the uploads resumed, each with the promise of its end (processing goes on in the background).
 */
export async function resumeInterruptedUploads(
  db: Db,
  onError: (err: unknown, uploadId: string) => void,
  staleAfterMs = RESUME_AFTER_MS,
): Promise<Array<{ uploadId: string; finished: Promise<void> }>> {
  const cutoff = new Date(Date.now() - staleAfterMs);
  const candidates = await db
    .selectFrom('uploads')
    .select('upload_id')
    .where('state', 'in', ['validating', 'storing'])
    .where('updated_at', '<', cutoff)
    .execute();
  const resumed: Array<{ uploadId: string; finished: Promise<void> }> = [];
  for (const { upload_id: uploadId } of candidates) {
    const file = spoolPath(uploadId);
    if (
      !(await access(file).then(
        () => true,
        () => false,
      ))
    )
      continue;
    const claimed = await db
      .updateTable('uploads')
      .set({ updated_at: sql`now()`, intake_run: randomUUID() })
      .where('upload_id', '=', uploadId)
      .where('state', 'in', ['validating', 'storing'])
      .where('updated_at', '<', cutoff)
      .returningAll()
      .executeTakeFirst();
    if (!claimed) continue;
    const header = await readCsvHeader(file).catch(() => undefined);
    const checked = header ? readHeader(header) : undefined;
    if (!checked?.ok) continue; // was checked on arrival: the file is not the one received
    const config = claimed.engagement_config as EngagementConfig;
    const job = {
      uploadId,
      intakeRun: claimed.intake_run,
      engagementId: claimed.engagement_id,
      config,
      snapshot: snapshotEngagement(claimed.engagement_id, config),
      columns: checked.columns,
      defaultCountry: claimed.default_country ?? undefined,
      receivedAt: claimed.created_at,
      file,
    };
    const finished = processUpload(db, job, { skipChains: claimed.deliveries_created })
      .catch((err) => onError(err, uploadId))
      .finally(() => rm(file, { force: true }));
    resumed.push({ uploadId, finished });
  }
  return resumed;
}

/**
 * Fails uploads cut off while receiving: their scheduling workflow starts only once the whole file is
 * accepted, so nothing else would. Received bytes update the row, so only a silent upload goes stale.
 * Nothing was stored for them; the partial file is deleted. Returns the uploads failed.
 */
export async function failAbandonedReceiving(db: Db, staleAfterMs = UPLOAD_STALE_AFTER_MS): Promise<string[]> {
  const failed = await db
    .updateTable('uploads')
    .set({
      state: 'failed',
      error: 'interrupted while receiving: the file did not arrive whole; nothing was stored',
      updated_at: sql`now()`,
    })
    .where('state', '=', 'receiving')
    .where('updated_at', '<', new Date(Date.now() - staleAfterMs))
    .returning('upload_id')
    .execute();
  await Promise.all(failed.map(({ upload_id }) => rm(spoolPath(upload_id), { force: true })));
  return failed.map((f) => f.upload_id);
}

/** Looks for interrupted uploads at start and every minute (another API process on this machine may stop). */
export function startUploadResumer(db: Db, log: { info(o: object, m: string): void; error(o: object, m: string): void }): () => void {
  const sweep = () =>
    resumeInterruptedUploads(db, (err, uploadId) => log.error({ err, uploadId }, 'resumed upload failed'))
      .then((resumed) => resumed.length > 0 && log.info({ uploads: resumed.map((r) => r.uploadId) }, 'resumed interrupted uploads'))
      .then(() => failAbandonedReceiving(db))
      .then((failed) => failed.length > 0 && log.info({ uploads: failed }, 'failed uploads cut off while receiving'))
      .catch((err) => log.error({ err }, 'looking for interrupted uploads failed'));
  void sweep();
  const timer = setInterval(sweep, RESUME_AFTER_MS);
  timer.unref();
  return () => clearInterval(timer);
}
