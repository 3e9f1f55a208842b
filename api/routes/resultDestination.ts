import { Router } from 'express';
import { storedFacts, storeCallResult } from '../../db/callResults';
import { callResult } from '../../domain/delivery/productOutcomes';
import { callFactsFromDialer, resultAttributesFromDialer } from '../../domain/dialerCallResult';
import { isValidResultToken, RESULT_DESTINATION_PATH } from '../../runtime/resultDestination';
import type { AppDeps } from '../appDeps';
import { ApiError } from '../errors';
import { parseRequest } from '../schemas/parseRequest';
import { pushedCallResult, pushedCallResults, resultDestinationPath, resultDestinationQuery } from '../schemas/resultDestination';

/**
 * The ResultDestination of seed 004: the dialer posts a call's result here when it ends
 * (SendResultImmediately). The address is signed per call (runtime/resultDestination.ts), so the token
 * is the authentication. The first result stored for a call is its result (a push or the activity's
 * poll, whichever comes first); a repeat answers 200 with `stored: false`. The dial activity waiting
 * for the call finds the stored result and completes; the dialer is no longer asked.
 */
export function resultDestinationRouter(deps: AppDeps): Router {
  const router = Router();
  router.post(`${RESULT_DESTINATION_PATH}/:conversationId`, async (req, res) => {
    const secret = deps.resultDestinationSecret;
    if (!secret)
      throw new ApiError(404, 'not_found', 'ResultDestination is not enabled (RESULT_DESTINATION_URL and RESULT_DESTINATION_SECRET)');
    const { conversationId } = parseRequest(resultDestinationPath, req.params);
    const { token } = parseRequest(resultDestinationQuery, req.query);
    if (!isValidResultToken(secret, conversationId, token)) {
      throw new ApiError(
        401,
        'unauthorized',
        'the token is missing or does not sign this call: use the ResultDestination the call was placed with',
      );
    }
    const wrapped = typeof req.body === 'object' && req.body !== null && 'CallResults' in req.body;
    const item = wrapped ? parseRequest(pushedCallResults, req.body).CallResults[0]! : parseRequest(pushedCallResult, req.body);
    if (item.ConversationId !== undefined && item.ConversationId !== conversationId) {
      throw new ApiError(400, 'validation_failed', 'ConversationId does not match the ResultDestination', [
        { path: 'ConversationId', message: `this address is for ConversationId "${conversationId}"` },
      ]);
    }
    const call = await deps.db
      .selectFrom('calls')
      .select(['call_id', 'unique_id'])
      .where('call_id', '=', conversationId)
      .executeTakeFirst();
    if (!call) throw new ApiError(404, 'not_found', `no call with ConversationId "${conversationId}"`);
    // The push may beat /v2/call's answer (no UniqueId stored yet); a different one is another call.
    if (call.unique_id !== null && call.unique_id !== item.UniqueId) {
      throw new ApiError(409, 'conflict', `call "${conversationId}" was placed as UniqueId "${call.unique_id}", not "${item.UniqueId}"`);
    }
    const facts = callFactsFromDialer(item)!;
    const stored = await storeCallResult(deps.db, conversationId, facts, 'push', resultAttributesFromDialer(item));
    const row = await deps.db.selectFrom('calls').selectAll().where('call_id', '=', conversationId).executeTakeFirstOrThrow();
    const kept = storedFacts(row) ?? facts;
    res.json({ conversationId, uniqueId: item.UniqueId, result: row.result ?? callResult(kept), stored });
  });
  return router;
}
