import type { z } from 'zod';
import { pauseBody, previewActionBody, previewListQuery, resumeBody } from '../../api/schemas/campaignControl';

/** The campaign-control bodies with a good example each, for the storable-text table. */
export function campaignControlBodies(): Array<[string, z.ZodType, unknown]> {
  return [
    ['pause', pauseBody, { reason: 'r' }],
    ['resume', resumeBody, { reason: 'r' }],
    ['preview action', previewActionBody, { representativeId: 'rep-1' }],
    ['preview list', previewListQuery, { engagementId: 'e-1' }],
  ];
}
