import { z } from 'zod';
import { phoneCountry } from '../../domain/phoneNumbers';
import { MAX_ERRORS_PAGE } from '../uploads/uploadView';
import { storableText } from './common';

export const uploadQuery = z.strictObject({
  defaultCountry: storableText
    .refine((c) => phoneCountry(c) !== undefined, { message: 'must be an ISO 3166-1 alpha-2 country code such as US' })
    .optional()
    .describe('Country of phone numbers written without +<country code>, for rows without a Country column value'),
});

/** Row errors' lines are Postgres integers: a larger afterLine is not a line, and not comparable with one. */
const MAX_LINE = 2_147_483_647;

export const errorsQuery = z.strictObject({
  afterLine: z.coerce.number().int().min(0).max(MAX_LINE).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_ERRORS_PAGE).default(100),
});

export const uploadListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) });
