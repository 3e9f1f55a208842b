import { randomUUID } from 'node:crypto';

/** What the simulated SMS gateway answers for a message. */
export const SMS_STATUSES = ['Sent', 'Failed'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];

export interface SmsMessage {
  messageId: string;
  clientReference: string;
  from: string;
  to: string;
  body: string;
  status: SmsStatus;
  /** Why it failed, when it did. */
  error?: string;
  receivedAt: Date;
}

export interface SmsFault {
  /** Answer this many coming POST /sms/messages requests (valid ones) with HTTP 500, recording nothing. */
  failNextMessages?: number;
  /** Delay every POST /sms/messages response by this many ms (the message is still recorded at once). */
  responseDelayMs?: number;
}

export interface SmsRequest {
  from: string;
  to: string;
  body: string;
  clientReference: string;
}

/**
 * The state of the simulated SMS gateway (see smsGateway.ts for its HTTP contract): messages received,
 * scripted per-number statuses (default Sent), injected faults. Sending is idempotent per ClientReference.
 */
export class SmsSink {
  private readonly messages = new Map<string, SmsMessage>();
  private readonly byReference = new Map<string, string>();
  private readonly numbers = new Map<string, SmsStatus>();
  fault: SmsFault = {};
  /** Every POST /sms/messages request received, including repeats, invalid and failed ones. */
  requestsReceived = 0;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Every later message to `number` gets `status`. */
  setNumber(number: string, status: SmsStatus): void {
    this.numbers.set(number, status);
  }

  /** Per-number statuses set so far (numbers not listed get Sent). */
  getNumbers(): Record<string, SmsStatus> {
    return Object.fromEntries(this.numbers);
  }

  /** Records a message, or returns the one already recorded under the same ClientReference. */
  send(request: SmsRequest): SmsMessage {
    const existing = this.byReference.get(request.clientReference);
    if (existing) return this.messages.get(existing)!;
    const status = this.numbers.get(request.to) ?? 'Sent';
    const message: SmsMessage = {
      messageId: randomUUID(),
      clientReference: request.clientReference,
      from: request.from,
      to: request.to,
      body: request.body,
      status,
      ...(status === 'Failed' ? { error: `simulated failure: ${request.to} is scripted to fail` } : {}),
      receivedAt: this.now(),
    };
    this.messages.set(message.messageId, message);
    this.byReference.set(message.clientReference, message.messageId);
    return message;
  }

  listMessages(): SmsMessage[] {
    return [...this.messages.values()].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  }

  messagesTo(number: string): SmsMessage[] {
    return this.listMessages().filter((m) => m.to === number);
  }

  /** Forgets every message, per-number status and fault. */
  reset(): void {
    this.messages.clear();
    this.byReference.clear();
    this.numbers.clear();
    this.fault = {};
    this.requestsReceived = 0;
  }
}
