/**
 * An upload as the storing code sees it, without the HTTP layer: the CSV spooled where the API would
 * put it and its row in `validating`, ready for `processUpload` (intake and resume tests).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { spoolPath } from '../../api/uploads/spoolBody';
import type { UploadJob } from '../../api/uploads/uploadIntake';
import type { Db } from '../../db/connect';
import { readHeader } from '../../domain/csvIntake/columns';
import { snapshotEngagement } from '../../domain/engagement';
import { engagementConfig } from './fixtures';

export async function spooledUploadJob(db: Db, engagementId: string, lines: string[]): Promise<UploadJob> {
  const uploadId = randomUUID();
  const file = spoolPath(uploadId);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${lines.join('\n')}\n`);
  const config = engagementConfig();
  const header = readHeader(lines[0]!.split(','));
  if (!header.ok) throw new Error(`header: ${JSON.stringify(header.problems)}`);
  const now = new Date();
  const upload = await db
    .insertInto('uploads')
    .values({
      upload_id: uploadId,
      engagement_id: engagementId,
      state: 'validating',
      bytes: 1,
      engagement_config: JSON.stringify(config),
      intake_run: randomUUID(),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return {
    uploadId,
    intakeRun: upload.intake_run,
    engagementId,
    config,
    snapshot: snapshotEngagement(engagementId, config),
    columns: header.columns,
    receivedAt: now,
    file,
  };
}
