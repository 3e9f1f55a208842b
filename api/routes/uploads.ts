import { randomUUID } from 'node:crypto';
import { type Request, Router } from 'express';
import { readHeader } from '../../domain/csvIntake/columns';
import { snapshotEngagement, type EngagementConfig } from '../../domain/engagement';
import { phoneCountry } from '../../domain/phoneNumbers';
import { startUploadScheduling } from '../../workflowStarts/uploadSchedulingStart';
import type { AppDeps } from '../appDeps';
import { requireRole } from '../auth';
import { requireUuid } from '../deliveryIds';
import { ApiError, schedulingFailed } from '../errors';
import { readCsvHeader } from '../uploads/csvRecords';
import { MAX_UPLOAD_BYTES, spoolBody } from '../uploads/spoolBody';
import { processUpload } from '../uploads/uploadIntake';
import { loadUploadView, rowErrorsPage, uploadSummary } from '../uploads/uploadView';
import { parseRequest } from '../schemas/parseRequest';
import { engagementPath } from '../schemas/pathParams';
import { errorsQuery, uploadListQuery, uploadQuery } from '../schemas/uploads';

/** The upload endpoint reads its body itself (streamed to disk), so the JSON parser must leave it alone. */
const UPLOAD_PATH = /^\/v1\/engagements\/[^/]+\/uploads\/?$/i;

export function isUploadRequest(req: Request): boolean {
  return req.method === 'POST' && UPLOAD_PATH.test(req.path);
}

/**
 * CSV intake (spec §7, seed 001 "File upload"): POST streams the file to disk (10 MB at most), checks
 * its header and answers 202; validation, storage and scheduling go on in the background, observable
 * through GET /v1/uploads/:id. Refused uploads (size, header, interrupted body) store nothing.
 */
export function uploadsRouter(deps: AppDeps): Router {
  const router = Router();
  const { db } = deps;

  router.post('/v1/engagements/:engagementId/uploads', requireRole(db, 'integration'), async (req, res) => {
    const refuse = (err: ApiError): never => {
      // The body is not read: close the connection rather than parse the rest as the next request.
      res.setHeader('Connection', 'close');
      req.resume();
      throw err;
    };
    const path = engagementPath.safeParse(req.params);
    if (!path.success) refuse(ApiError.validation(path.error));
    const { engagementId } = path.data!;
    const engagement = await db.selectFrom('engagements').selectAll().where('engagement_id', '=', engagementId).executeTakeFirst();
    if (!engagement) refuse(new ApiError(404, 'not_found', `no engagement "${engagementId}"`));
    if (engagement!.state === 'stopped')
      refuse(new ApiError(409, 'engagement_stopped', `engagement "${engagementId}" is stopped and takes no new deliveries`));
    if (!req.is('text/csv'))
      refuse(new ApiError(415, 'unsupported_media_type', 'send the file as the raw body with Content-Type: text/csv'));
    const query = uploadQuery.safeParse(req.query);
    if (!query.success) refuse(ApiError.validation(query.error, 'query'));
    const declared = Number(req.header('content-length') ?? 0);
    if (declared > MAX_UPLOAD_BYTES)
      refuse(new ApiError(413, 'body_too_large', `the file is larger than ${MAX_UPLOAD_BYTES} bytes (10 MB); nothing was stored`));

    const config = engagement!.config as EngagementConfig;
    const snapshot = snapshotEngagement(engagementId, config);
    const uploadId = randomUUID();
    const receivedAt = new Date();
    const defaultCountry = query.data!.defaultCountry ? phoneCountry(query.data!.defaultCountry) : undefined;
    await db
      .insertInto('uploads')
      .values({
        upload_id: uploadId,
        engagement_id: engagementId,
        state: 'receiving',
        bytes: 0,
        default_country: defaultCountry ?? null,
        engagement_config: JSON.stringify(config),
        intake_run: randomUUID(),
        created_at: receivedAt,
        updated_at: receivedAt,
      })
      .execute();
    const forget = () => db.deleteFrom('uploads').where('upload_id', '=', uploadId).execute();
    let spooled;
    try {
      // Progress while receiving (a missed update only delays the counter).
      const progress = (bytes: number) =>
        void db
          .updateTable('uploads')
          .set({ bytes, updated_at: new Date() })
          .where('upload_id', '=', uploadId)
          .execute()
          .catch(() => undefined);
      spooled = await spoolBody(req, uploadId, MAX_UPLOAD_BYTES, progress);
    } catch (err) {
      await forget();
      if (err instanceof ApiError && err.status === 413) res.setHeader('Connection', 'close');
      throw err;
    }
    const header = await readCsvHeader(spooled.path).catch((err: Error) => err);
    const checked =
      header instanceof Error || header === undefined
        ? {
            ok: false as const,
            problems: [
              {
                column: '(header)',
                message: header ? `the header line is not readable CSV: ${header.message}` : 'the file has no header line',
              },
            ],
          }
        : readHeader(header);
    if (!checked.ok) {
      await Promise.all([forget(), spooled.remove()]);
      throw new ApiError(
        400,
        'invalid_csv_header',
        `the CSV header is not usable: ${checked.problems.map((p) => p.message).join('; ')}; nothing was stored`,
        checked.problems.map((p) => ({ path: p.column, message: p.message })),
      );
    }
    try {
      // Started once the file is accepted, so a refused upload leaves no workflow. An upload cut off
      // while receiving (no workflow yet) is failed by the resumer (api/uploads/resumeUploads.ts).
      await startUploadScheduling(deps.temporal, deps.taskQueue, uploadId);
    } catch (err) {
      await Promise.all([forget(), spooled.remove()]);
      throw schedulingFailed(err, 'the upload could not be scheduled, nothing was stored');
    }
    const upload = await db
      .updateTable('uploads')
      .set({ state: 'validating', bytes: spooled.bytes, updated_at: new Date() })
      .where('upload_id', '=', uploadId)
      .returningAll()
      .executeTakeFirstOrThrow();
    void processUpload(db, {
      uploadId,
      intakeRun: upload.intake_run,
      engagementId,
      config,
      snapshot,
      columns: checked.columns,
      defaultCountry,
      receivedAt,
      file: spooled.path,
    })
      .catch((err) => req.log?.error({ err, uploadId }, 'upload processing failed'))
      .finally(() => spooled.remove());
    res.status(202).location(`/v1/uploads/${uploadId}`).json(uploadSummary(upload));
  });

  router.get('/v1/engagements/:engagementId/uploads', requireRole(db, 'integration', 'supervisor'), async (req, res) => {
    const { engagementId } = parseRequest(engagementPath, req.params);
    const query = parseRequest(uploadListQuery, req.query, 'query');
    const engagement = await db
      .selectFrom('engagements')
      .select('engagement_id')
      .where('engagement_id', '=', engagementId)
      .executeTakeFirst();
    if (!engagement) throw new ApiError(404, 'not_found', `no engagement "${engagementId}"`);
    const rows = await db
      .selectFrom('uploads')
      .selectAll()
      .where('engagement_id', '=', engagementId)
      .orderBy('created_at', 'desc')
      .limit(query.limit)
      .execute();
    res.json({ uploads: rows.map(uploadSummary) });
  });

  router.get('/v1/uploads/:uploadId', requireRole(db, 'integration', 'supervisor'), async (req, res) => {
    const uploadId = requireUuid((req.params as { uploadId: string }).uploadId, 'upload');
    const view = await loadUploadView(db, uploadId);
    if (!view) throw new ApiError(404, 'not_found', `no upload "${uploadId}"`);
    res.json(view);
  });

  router.get('/v1/uploads/:uploadId/errors', requireRole(db, 'integration', 'supervisor'), async (req, res) => {
    const uploadId = requireUuid((req.params as { uploadId: string }).uploadId, 'upload');
    const query = parseRequest(errorsQuery, req.query, 'query');
    const exists = await db.selectFrom('uploads').select('upload_id').where('upload_id', '=', uploadId).executeTakeFirst();
    if (!exists) throw new ApiError(404, 'not_found', `no upload "${uploadId}"`);
    res.json(await rowErrorsPage(db, uploadId, query.afterLine, query.limit));
  });

  return router;
}
