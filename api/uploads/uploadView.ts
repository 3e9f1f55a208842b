import type { Db } from '../../db/connect';
import type { UploadRow } from '../../db/schema';

/** Row errors returned with an upload; the rest are paged through GET /v1/uploads/:id/errors. */
export const ERRORS_IN_VIEW = 100;
export const MAX_ERRORS_PAGE = 1000;

export interface RowError {
  line: number;
  reason: string;
}

export function uploadSummary(u: UploadRow) {
  return {
    uploadId: u.upload_id,
    engagementId: u.engagement_id,
    state: u.state,
    bytes: Number(u.bytes),
    defaultCountry: u.default_country,
    progress: {
      rowsRead: u.rows_read,
      rowsAccepted: u.rows_accepted,
      rowsRejected: u.rows_rejected,
      deliveriesCreated: u.deliveries_created,
      deliveriesSuppressed: u.deliveries_suppressed,
      deliveriesScheduled: u.deliveries_scheduled,
    },
    error: u.error,
    createdAt: u.created_at,
    updatedAt: u.updated_at,
    storedAt: u.stored_at,
    completedAt: u.completed_at,
  };
}

/** Row errors in line order after `afterLine`, at most `limit`, and the cursor of the next page. */
export async function rowErrorsPage(
  db: Db,
  uploadId: string,
  afterLine: number,
  limit: number,
): Promise<{ errors: RowError[]; nextAfterLine: number | null }> {
  const rows = await db
    .selectFrom('upload_row_errors')
    .select(['line', 'reason'])
    .where('upload_id', '=', uploadId)
    .where('line', '>', afterLine)
    .orderBy('line')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return { errors: page, nextAfterLine: rows.length > limit ? page.at(-1)!.line : null };
}

/** An upload with its first row errors; `rowErrors.more` says whether to page on. */
export async function loadUploadView(db: Db, uploadId: string) {
  const upload = await db.selectFrom('uploads').selectAll().where('upload_id', '=', uploadId).executeTakeFirst();
  if (!upload) return undefined;
  const { errors, nextAfterLine } = await rowErrorsPage(db, uploadId, 0, ERRORS_IN_VIEW);
  return {
    ...uploadSummary(upload),
    rowErrors: {
      count: upload.rows_rejected,
      items: errors,
      nextAfterLine,
      more: nextAfterLine !== null ? `/v1/uploads/${uploadId}/errors?afterLine=${nextAfterLine}` : null,
    },
  };
}
