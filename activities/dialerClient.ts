import type { CallFacts } from '../domain/callState';
import { redactSecrets } from '../runtime/logRedaction';
import { callFactsFromDialer, type DialerResultItem, resultAttributesFromDialer } from '../domain/dialerCallResult';

export interface PlaceCallRequest {
  project: string;
  tenant: string;
  scenarioPath: string;
  orchestratorUrl: string;
  /** The call's intent id: a dialer that sees the same ConversationId again must not place a second call. */
  conversationId: string;
  destination: string;
  displayNumber: string;
  inputs?: Record<string, string>;
  /** The engagement placing the call: picks its AccessToken (runtime/config.ts, DIALER_ACCESS_TOKENS). */
  engagementId?: string;
}

/** A finished call as the dialer reports it: its facts, and the values its AI agent returned. */
export interface DialerCallResult {
  facts: CallFacts;
  resultAttributes: Record<string, string>;
}

/** Where the dialer is asked to push results (seed 004 ResultDestination), per call. */
export interface ResultDestinationOptions {
  /** The URL the dialer should post this call's result to (signed for that call). */
  urlFor(conversationId: string): string;
}

/** The seed-004 dialer contract, as the engine uses it. */
export interface DialerClient {
  /**
   * Whether the dialer treats a repeated ConversationId as the same call (the simulator does). When it
   * does not, a /v2/call whose answer was lost is never sent again (README, "Dialling exactly once").
   */
  readonly deduplicatesConversationId: boolean;
  /**
   * Throws DialerHttpError when the dialer answered and refused, DialerOutcomeUnknownError when the
   * request may have reached the dialer but no usable answer came back, anything else when the request
   * certainly never left (connection refused, name not found).
   */
  placeCall(request: PlaceCallRequest): Promise<{ uniqueId: string }>;
  /**
   * Whether each call asks the dialer to push its result (ResultDestination, SendResultImmediately):
   * the dial activity then waits for the push and polls only as a fallback.
   */
  readonly pushesResults: boolean;
  /** The final facts of a call, or undefined while it is still in progress. */
  callResult(uniqueId: string): Promise<DialerCallResult | undefined>;
}

export class DialerHttpError extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`dialer answered HTTP ${status}: ${body.slice(0, 200)}`);
    this.name = 'DialerHttpError';
  }
}

/** A /v2/call that may have placed a call, with no UniqueId to show for it: asking again may place another. */
export class DialerOutcomeUnknownError extends Error {
  constructor(readonly reason: string) {
    super(`no usable answer from the dialer to /v2/call (the call may have been placed): ${reason}`);
    this.name = 'DialerOutcomeUnknownError';
  }
}

/** Gateway answers: the dialer behind the gateway may have acted on the request. */
const AMBIGUOUS_HTTP_STATUSES = new Set([502, 504]);
/** Network errors raised before a byte of the request left: the dialer cannot have seen it. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

function networkCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

export interface HttpDialerClientOptions {
  /** The AccessToken of a call: the engagement's own, else the configured default (never logged). */
  accessTokenFor?: (engagementId: string | undefined) => string | undefined;
  /** Ask the dialer to push results here; without it, results are polled. */
  resultDestination?: ResultDestinationOptions;
  /** How long one request may take; default 10 s. */
  timeoutMs?: number;
  /** See DialerClient.deduplicatesConversationId; default true (the simulator). */
  deduplicatesConversationId?: boolean;
}

export function createHttpDialerClient(baseUrl: string, options: HttpDialerClientOptions = {}): DialerClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  async function post(path: string, body: unknown): Promise<unknown> {
    const res = await fetch(new URL(path, baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    if (!res.ok) throw new DialerHttpError(res.status, withoutSecrets(text));
    return JSON.parse(text) as unknown;
  }

  /** A /v2/call's failure as placeCall documents it. */
  function placeCallFailure(err: unknown): unknown {
    if (err instanceof DialerHttpError) return AMBIGUOUS_HTTP_STATUSES.has(err.status) ? new DialerOutcomeUnknownError(err.message) : err;
    const code = networkCode(err);
    if (code && NOT_SENT_CODES.has(code)) return err;
    const reason = err instanceof Error ? `${err.name}: ${err.message}${code ? ` (${code})` : ''}` : String(err);
    return new DialerOutcomeUnknownError(reason);
  }

  /** A dialer that echoes a request in its error would put the token into our logs: cut it out. */
  const secrets = new Set<string>();
  const withoutSecrets = (text: string) => redactSecrets(text, secrets);

  return {
    deduplicatesConversationId: options.deduplicatesConversationId ?? true,
    pushesResults: options.resultDestination !== undefined,
    async placeCall(r) {
      const accessToken = options.accessTokenFor?.(r.engagementId) ?? '';
      if (accessToken) secrets.add(accessToken);
      const destination = options.resultDestination;
      const inputs = [
        { Name: '_DisplayNumber', Value: r.displayNumber },
        { Name: '_Destination', Value: r.destination },
        ...Object.entries(r.inputs ?? {}).map(([Name, Value]) => ({ Name, Value })),
      ];
      let body: { UniqueId?: unknown };
      try {
        body = (await post('/v2/call', {
          Project: r.project,
          Tenant: r.tenant,
          ConversationId: r.conversationId,
          AccessToken: accessToken,
          ScenarioPath: r.scenarioPath,
          OrchestratorUrl: r.orchestratorUrl,
          ScenarioInputParameters: inputs,
          ...(destination ? { ResultDestination: destination.urlFor(r.conversationId) } : {}),
          SendResultImmediately: true,
        })) as { UniqueId?: unknown };
      } catch (err) {
        throw placeCallFailure(err);
      }
      // A success without a UniqueId: the dialer accepted something we cannot follow.
      if (typeof body?.UniqueId !== 'string' || body.UniqueId === '') throw new DialerOutcomeUnknownError('the answer has no UniqueId');
      return { uniqueId: body.UniqueId };
    },
    async callResult(uniqueId) {
      const body = (await post('/v2/callresult', { UniqueIds: [uniqueId] })) as { CallResults?: DialerResultItem[] };
      const item = body.CallResults?.find((r) => r.UniqueId === uniqueId);
      const facts = item && callFactsFromDialer(item);
      return facts && { facts, resultAttributes: resultAttributesFromDialer(item) };
    },
  };
}
