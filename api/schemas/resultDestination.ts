/** What a dialer posts to our ResultDestination: one seed-004 call result, alone or as `CallResults: [it]`. */
import { z } from 'zod';
import { FINAL_CALL_STATES } from '../../domain/callState';
import { VOICE_PRODUCT_RESULTS } from '../../domain/delivery/productOutcomes';
import { SIP_DIAGNOSTICS_MAX } from '../../domain/dialerCallResult';
import { isReservedKey, reservedKeyMessage } from '../../domain/text';
import { storableText } from './common';

/**
 * A result attribute's name: stored as a keyword, and read into a plain object, where `__proto__` would
 * set the prototype instead of adding an entry.
 */
const attributeName = storableText
  .min(1)
  .max(850)
  .refine((name) => !isReservedKey(name), { error: (issue) => reservedKeyMessage(String(issue.input)) });

export const pushedCallResult = z
  .object({
    UniqueId: z.string().min(1),
    CallRequestId: z.string().optional(),
    CallState: z.enum(FINAL_CALL_STATES, { message: `CallState must be a final call state: ${FINAL_CALL_STATES.join(', ')}` }),
    ConversationId: z.string().min(1).optional(),
    AnsweringMachine: z.boolean().optional(),
    Abandoned: z.boolean().optional(),
    VoicemailLeft: z.boolean().optional(),
    AbandonMessagePlayed: z.boolean().optional(),
    WaitSeconds: z.number().min(0).optional(),
    TalkSeconds: z.number().min(0).optional(),
    WrapUpSeconds: z.number().min(0).optional(),
    SipCode: z.number().int().min(100).max(699).optional(),
    // Stored (cut to SIP_DIAGNOSTICS_MAX) and result attributes are stored too: a NUL would be a database error, not a 400.
    SipDiagnostics: z.union([storableText.max(SIP_DIAGNOSTICS_MAX * 4), z.record(z.string(), z.unknown())]).optional(),
    Result: z.enum(VOICE_PRODUCT_RESULTS).optional(),
    ResultAttributes: z
      .array(z.object({ Name: attributeName, Value: storableText.max(4000) }))
      .max(100)
      .optional(),
  })
  // A richer dialer may send more than we read; seed 004 does not forbid it.
  .loose();

export type PushedCallResult = z.output<typeof pushedCallResult>;

/** The `CallResults` form of the body (as /v2/callresult answers): exactly one result. */
export const pushedCallResults = z.strictObject({ CallResults: z.array(pushedCallResult).length(1) });

export const resultDestinationPath = z.strictObject({ conversationId: z.string().min(1).max(200) });
export const resultDestinationQuery = z.object({ token: z.string().optional() });

export const pushedCallResultResponse = z.object({
  conversationId: z.string(),
  uniqueId: z.string(),
  result: z.enum(VOICE_PRODUCT_RESULTS),
  /** false: a result was already stored (an earlier push, or polling); this push changed nothing. */
  stored: z.boolean(),
});
