import express, { type Request, Router } from 'express';
import { dispatchedEngagement } from '../../db/dispatchEngagements';
import { MAX_BULK_BODY_BYTES } from '../../domain/delivery/bulkLimits';
import type { Channel } from '../../domain/delivery/deliveryStatus';
import { acceptBulkDeliveries, type AcceptedBulk, type BulkDeliveryRecord } from '../../intake/bulkDeliveries';
import { IntakeError } from '../../intake/intakeError';
import type { AppDeps } from '../appDeps';
import { apiErrorOf } from '../deliveryService';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotencyKey';
import { ApiError, schedulingFailed } from '../errors';
import { parseRequest } from '../schemas/parseRequest';
import {
  BULK_RECORDS_FIELD,
  bulkRecordArray,
  readBulkRecord,
  seedBulkEnvelopeSchema,
  type SeedBulkResponse,
} from '../schemas/seedBulkDelivery';
import { fieldErrors } from '../schemas/seedContact';
import { SEED_API_ROOT, odataContext, productFieldPath, renamedFields, seedRoles } from './seedRoutes';

/** The bulk actions: the first one, V2 under its current name, and V2 under the name its first docs gave it. */
export const SEED_BULK_ACTIONS = [
  'CCaaS_CreateProactiveBulkDelivery',
  'CCaaS_CreateProactiveDeliveryBulkV2',
  'CCaaS_CreateProactiveBulkDeliveryV2',
] as const;

const BULK_PATHS = new Set(SEED_BULK_ACTIONS.map((a) => `${SEED_API_ROOT}/${a}`.toLowerCase()));

/** The bulk actions read their (large) body with their own limit, so the app's 1 MB JSON parser leaves it alone. */
export function isSeedBulkRequest(req: Request): boolean {
  return req.method === 'POST' && BULK_PATHS.has(req.path.replace(/\/$/, '').toLowerCase());
}

type BulkRequest = Request & { bulkBytes?: number };

/**
 * CCaaS_CreateProactiveBulkDelivery and its V2: up to MAX_BULK_RECORDS one-contact records. The body
 * is parsed once; its records are then validated one at a time as intake pulls them (each raw record
 * released once read), and every valid one is stored in one transaction; the refused ones are named by
 * index and field. Nothing is stored when none is valid (400) or when storing fails (5xx).
 */
export function seedBulkDeliveriesRouter(deps: AppDeps): Router {
  const router = Router();
  const body = express.json({
    limit: MAX_BULK_BODY_BYTES,
    verify: (req, _res, buf) => {
      (req as BulkRequest).bulkBytes = buf.length;
    },
  });
  for (const action of SEED_BULK_ACTIONS)
    router.post(`${SEED_API_ROOT}/${action}`, seedRoles(deps), body, async (req: BulkRequest, res) => {
      if (!req.is('application/json'))
        throw new ApiError(415, 'unsupported_media_type', 'send the request as JSON with Content-Type: application/json');
      // A retried bulk request is not recognised: a key that promised it would be would duplicate a whole batch.
      if (req.header(IDEMPOTENCY_KEY_HEADER) !== undefined)
        throw new ApiError(400, 'validation_failed', 'bulk requests are not deduplicated', [
          {
            path: IDEMPOTENCY_KEY_HEADER,
            message:
              'is not supported on bulk actions: send a batch once, or use CCaaS_CreateProactiveDelivery with a RequestId per delivery',
          },
        ]);
      const raw = req.body as Record<string, unknown>;
      const envelope = parseRequest(seedBulkEnvelopeSchema, raw);
      const array = bulkRecordArray(envelope.ProactiveDeliveries);
      // The records' text (often a serialized string as large as the body) is not kept once parsed.
      delete raw[BULK_RECORDS_FIELD];
      envelope.ProactiveDeliveries = undefined;
      if ('issue' in array)
        throw new ApiError(array.tooMany ? 413 : 400, 'validation_failed', 'the request has invalid fields', fieldErrors([array.issue]));
      const engagementId = envelope.ProactiveEngagementConfigId;
      const engagement = await dispatchedEngagement(deps.db, engagementId);
      if (!engagement)
        throw new ApiError(400, 'validation_failed', 'the request has invalid fields', [
          { path: 'ProactiveEngagementConfigId', message: `no engagement "${engagementId}"` },
        ]);

      const errors: SeedBulkResponse['Errors'] = [];
      const total = array.records.length;
      let accepted: AcceptedBulk;
      try {
        accepted = await acceptBulkDeliveries(deps, {
          engagementId,
          ...(envelope.RequestId !== undefined ? { trackingId: envelope.RequestId } : {}),
          bytes: req.bulkBytes ?? 0,
          records: validatedRecords(array.records, engagement.config.channel, errors),
        });
      } catch (err) {
        if (err instanceof IntakeError) throw renamedFields(apiErrorOf(err), productFieldPath);
        throw schedulingFailed(err, 'the records could not be stored, nothing was stored');
      }
      if (accepted.created === 0)
        throw new ApiError(
          400,
          'validation_failed',
          `none of the ${total} records is valid; nothing was stored`,
          errors.flatMap((e) => e.Fields),
        );
      const response: SeedBulkResponse = {
        '@odata.context': odataContext(deps, req, action),
        BatchId: accepted.batchId!,
        TotalRecords: total,
        AcceptedRecords: accepted.created,
        RejectedRecords: total - accepted.created,
        SuppressedRecords: accepted.suppressed,
        DeliveryIds: accepted.deliveryIds,
        Errors: errors,
      };
      res.json(response);
    });
  return router;
}

/** The records read one at a time, each raw record dropped once read; refusals are collected by index. */
function* validatedRecords(records: unknown[], channel: Channel, errors: SeedBulkResponse['Errors']): Generator<BulkDeliveryRecord | null> {
  for (let i = 0; i < records.length; i++) {
    const read = readBulkRecord(records[i], i, channel);
    records[i] = undefined;
    if ('issues' in read) {
      errors.push({ Index: i, Fields: fieldErrors(read.issues) });
      yield null;
    } else yield { contacts: [read.contact] };
  }
}
