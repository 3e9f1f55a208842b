import { isFinalCallState, type CallFacts } from '../domain/callState';

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
}

/** The seed-004 dialer contract, as the engine uses it. */
export interface DialerClient {
  placeCall(request: PlaceCallRequest): Promise<{ uniqueId: string }>;
  /** The final facts of a call, or undefined while it is still in progress. */
  callResult(uniqueId: string): Promise<CallFacts | undefined>;
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

export function createHttpDialerClient(baseUrl: string, options: { accessToken?: string; timeoutMs?: number } = {}): DialerClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  async function post(path: string, body: unknown): Promise<unknown> {
    const res = await fetch(new URL(path, baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    if (!res.ok) throw new DialerHttpError(res.status, text);
    return JSON.parse(text) as unknown;
  }

  return {
    async placeCall(r) {
      const inputs = [
        { Name: '_DisplayNumber', Value: r.displayNumber },
        { Name: '_Destination', Value: r.destination },
        ...Object.entries(r.inputs ?? {}).map(([Name, Value]) => ({ Name, Value })),
      ];
      const body = (await post('/v2/call', {
        Project: r.project,
        Tenant: r.tenant,
        ConversationId: r.conversationId,
        AccessToken: options.accessToken ?? '',
        ScenarioPath: r.scenarioPath,
        OrchestratorUrl: r.orchestratorUrl,
        ScenarioInputParameters: inputs,
        SendResultImmediately: true,
      })) as { UniqueId?: unknown };
      if (typeof body.UniqueId !== 'string' || body.UniqueId === '') throw new Error('dialer response has no UniqueId');
      return { uniqueId: body.UniqueId };
    },
    async callResult(uniqueId) {
      const body = (await post('/v2/callresult', { UniqueIds: [uniqueId] })) as {
        CallResults?: Array<{
          UniqueId: string;
          CallState: string;
          AnsweringMachine?: boolean;
          Abandoned?: boolean;
          VoicemailLeft?: boolean;
          WaitSeconds?: number;
        }>;
      };
      const result = body.CallResults?.find((r) => r.UniqueId === uniqueId);
      if (!result || !isFinalCallState(result.CallState)) return undefined;
      const waitMs =
        typeof result.WaitSeconds === 'number' && Number.isFinite(result.WaitSeconds) && result.WaitSeconds >= 0
          ? Math.round(result.WaitSeconds * 1000)
          : undefined;
      return {
        state: result.CallState,
        answeringMachine: result.AnsweringMachine ?? false,
        abandoned: result.Abandoned ?? false,
        voicemailLeft: result.VoicemailLeft ?? false,
        ...(waitMs !== undefined ? { waitMs } : {}),
      };
    },
  };
}
