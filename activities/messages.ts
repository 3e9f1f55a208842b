import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../db/connect';
import type { FrequencyLimits } from '../domain/schedule';
import { releaseTouch, reserveTouch } from './frequencyLedger';
import { SmsGatewayHttpError, type SmsGatewayClient } from './smsGatewayClient';

export interface SendSmsInput {
  messageId: string;
  deliveryId: string;
  engagementId: string;
  attemptNumber: number;
  contactId: string;
  contactZone: string;
  to: string;
  from: string;
  body: string;
  limits: FrequencyLimits;
  at: string;
}

export type SendSmsResult = { kind: 'capped'; freeAt: string | null } | { kind: 'sent' } | { kind: 'failed'; error: string };

/** Sends one SMS at most once per messageId, under the contact's frequency caps (same ledger as calls). */
export function createMessageActivities({ db, sms }: { db: Db; sms: SmsGatewayClient }) {
  return {
    async sendSms(input: SendSmsInput): Promise<SendSmsResult> {
      await db
        .insertInto('messages')
        .values({
          message_id: input.messageId,
          delivery_id: input.deliveryId,
          attempt_number: input.attemptNumber,
          contact_id: input.contactId,
          to_address: input.to,
          from_address: input.from,
          body: input.body,
          requested_at: input.at,
        })
        .onConflict((oc) => oc.column('message_id').doNothing())
        .execute();
      const stored = await db.selectFrom('messages').selectAll().where('message_id', '=', input.messageId).executeTakeFirstOrThrow();
      if (stored.status === 'Sent') return { kind: 'sent' };
      if (stored.status === 'Failed') return { kind: 'failed', error: stored.error ?? 'failed' };

      const reservation = await reserveTouch(db, {
        touchId: input.messageId,
        contactId: input.contactId,
        zone: input.contactZone,
        limits: input.limits,
        channel: 'sms',
        engagementId: input.engagementId,
        deliveryId: input.deliveryId,
        at: input.at,
      });
      if (!reservation.granted) return { kind: 'capped', freeAt: reservation.freeAt };

      let result: Awaited<ReturnType<SmsGatewayClient['send']>>;
      try {
        result = await sms.send({ from: input.from, to: input.to, body: input.body, clientReference: input.messageId });
      } catch (err) {
        if (err instanceof SmsGatewayHttpError && err.status >= 400 && err.status < 500) {
          await releaseTouch(db, input.messageId);
          throw ApplicationFailure.nonRetryable(err.message, 'SmsGatewayRejected');
        }
        throw err;
      }
      if (result.status === 'Failed') await releaseTouch(db, input.messageId);
      await db
        .updateTable('messages')
        .set({ gateway_message_id: result.messageId, status: result.status, error: result.error ?? null, sent_at: new Date() })
        .where('message_id', '=', input.messageId)
        .execute();
      await db
        .updateTable('deliveries')
        .set({ to_address: input.to, from_address: input.from, contact_id: input.contactId, updated_at: new Date() })
        .where('delivery_id', '=', input.deliveryId)
        .execute();
      return result.status === 'Sent' ? { kind: 'sent' } : { kind: 'failed', error: result.error ?? 'the gateway could not deliver it' };
    },
  };
}
