import { z } from 'zod';
import { CHANNELS, DELIVERY_STATUSES } from '../../domain/delivery/deliveryStatus';
import { DELIVERY_FIELD_MAX } from '../../domain/delivery/deliveryLimits';
import { UTC_ZONE } from '../../domain/schedule/timeZones';
import { requiredText, timeZone } from './common';

/** A calendar day, YYYY-MM-DD, that exists (2027-02-30 does not), in years Postgres dates hold. */
const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;
const calendarDay = z
  .string()
  .regex(DAY_FORMAT, 'must be a calendar day YYYY-MM-DD')
  .refine((d) => {
    // One message per value: a malformed one is already refused above.
    if (!DAY_FORMAT.test(d)) return true;
    const parsed = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(d) && d >= '1970-01-01';
  }, 'must be a real calendar day from 1970-01-01 on');

/** GET /v1/reports/history: the historical dashboard's filters (db/historyReport.ts). */
export const historyQuery = z
  .strictObject({
    from: calendarDay.optional(),
    to: calendarDay.optional(),
    channel: z.enum(CHANNELS).optional(),
    queueId: requiredText(DELIVERY_FIELD_MAX.identifier).optional(),
    engagementId: requiredText(DELIVERY_FIELD_MAX.identifier).optional(),
    timeZone: timeZone.default(UTC_ZONE),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'the period ends before it starts', path: ['to'] });

const countsByStatus = z.record(z.enum(DELIVERY_STATUSES), z.number().int());
const historyRow = z.object({ key: z.string(), total: z.number().int(), byStatus: countsByStatus });

/** GET /v1/reports/history's answer: the filter as applied and every figure summed from the same groups. */
export const historyReportResponse = z.object({
  filter: z.object({
    from: z.string().optional(),
    to: z.string().optional(),
    channel: z.enum(CHANNELS).optional(),
    queueId: z.string().optional(),
    engagementId: z.string().optional(),
    timeZone: z.string(),
  }),
  total: z.number().int(),
  byStatus: countsByStatus,
  byResult: z.record(z.string(), z.number().int()),
  byDialMode: z.record(z.string(), z.number().int()),
  byEngagement: z.array(historyRow),
  byQueue: z.array(historyRow),
  byDate: z.array(historyRow),
});
