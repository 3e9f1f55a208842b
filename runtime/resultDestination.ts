/**
 * The ResultDestination the engine gives the dialer for each call, and the check its push must pass.
 * A dialer speaking seed 004 sends no credentials of its own, so the address carries them: a token
 * that is the HMAC of the call's ConversationId under RESULT_DESTINATION_SECRET. A token opens only
 * its own call, and the query parameter `token` is redacted from request logs (runtime/logRedaction.ts).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ResultDestinationOptions } from '../activities/dialerClient';

/** The route the API serves pushed results on (api/routes/resultDestination.ts). */
export const RESULT_DESTINATION_PATH = '/v1/dialer/results';

export function resultToken(secret: string, conversationId: string): string {
  return createHmac('sha256', secret).update(conversationId).digest('base64url');
}

export function isValidResultToken(secret: string, conversationId: string, token: unknown): boolean {
  if (typeof token !== 'string' || token === '') return false;
  const expected = Buffer.from(resultToken(secret, conversationId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Signed per-call addresses under the API's public base URL (as the dialer reaches it). */
export function resultDestination(publicBaseUrl: string, secret: string): ResultDestinationOptions {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return {
    urlFor: (conversationId) =>
      `${base}${RESULT_DESTINATION_PATH}/${encodeURIComponent(conversationId)}?token=${resultToken(secret, conversationId)}`,
  };
}
