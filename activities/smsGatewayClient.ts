/**
 * The SMS gateway contract: POST /sms/messages {From, To, Body, ClientReference} → {MessageId, Status: Sent|Failed, Error?}.
 * A gateway that sees the same ClientReference again must not send a second message (the simulator does not).
 */
export interface SmsGatewayClient {
  send(message: {
    from: string;
    to: string;
    body: string;
    clientReference: string;
  }): Promise<{ messageId: string; status: 'Sent' | 'Failed'; error?: string }>;
}

export class SmsGatewayHttpError extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`SMS gateway answered HTTP ${status}: ${body.slice(0, 200)}`);
    this.name = 'SmsGatewayHttpError';
  }
}

export function createHttpSmsGatewayClient(baseUrl: string, options: { timeoutMs?: number } = {}): SmsGatewayClient {
  return {
    async send(m) {
      const res = await fetch(new URL('/sms/messages', baseUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ From: m.from, To: m.to, Body: m.body, ClientReference: m.clientReference }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const text = await res.text();
      if (!res.ok) throw new SmsGatewayHttpError(res.status, text);
      const body = JSON.parse(text) as { MessageId?: unknown; Status?: unknown; Error?: unknown };
      if (typeof body.MessageId !== 'string' || (body.Status !== 'Sent' && body.Status !== 'Failed'))
        throw new Error('SMS gateway response has no MessageId/Status');
      return { messageId: body.MessageId, status: body.Status, error: typeof body.Error === 'string' ? body.Error : undefined };
    },
  };
}
