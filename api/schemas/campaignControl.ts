import { z } from 'zod';
import { PRIORITIES } from '../../domain/engagement';

export const pauseBody = z.strictObject({ reason: z.string().min(1).max(500).optional() });
export const resumeBody = z.strictObject({ reason: z.string().min(1).max(500).optional() });
export const priorityBody = z.strictObject({ priority: z.enum(PRIORITIES) });
export const previewActionBody = z.strictObject({ representativeId: z.string().min(1).max(200) });
export const previewListQuery = z.strictObject({ engagementId: z.string().min(1).max(200).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) });
