/**
 * An upload's life: receiving (the body is spooled) → validating (first pass: row errors, chains) →
 * storing (second pass: whole deliveries, 500 a transaction) → scheduling (their workflows start) →
 * completed; or failed, with the reason, at any point.
 */
export const UPLOAD_STATES = ['receiving', 'validating', 'storing', 'scheduling', 'completed', 'failed'] as const;
export type UploadState = (typeof UPLOAD_STATES)[number];

/** States in which the API is still working on the file (and bumps updated_at as it goes). */
export const INTAKE_STATES: readonly UploadState[] = ['receiving', 'validating', 'storing'];

/**
 * An upload in an intake state whose updated_at is older than this was abandoned by the API process
 * (crash, restart): its scheduling workflow fails it and schedules the deliveries already stored.
 */
export const UPLOAD_STALE_AFTER_MS = 10 * 60_000;
