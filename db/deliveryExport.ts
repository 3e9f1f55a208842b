/**
 * The rows of the seed-002 reporting export, with the product's words: the result of the call that
 * ended a voice delivery (LiveAnswer, NoAnswer, …) rather than the coarse CallEnded/CallFailed, the
 * dial mode as the product names it, the ConversationId the dialer received for that call, the
 * cancellation policy that cancelled the delivery, and the call's SIP diagnostics.
 */
import { sql } from 'kysely';
import { CHANNEL_RESULTS } from '../domain/delivery/channelRules';
import { productDialMode } from '../domain/delivery/productDialModes';
import type { Db } from './connect';

/** Delivery results that stand for "a call ended it": the call's own result word says more. */
const CALL_ENDED_RESULTS = [CHANNEL_RESULTS.voice.reached, CHANNEL_RESULTS.voice.unreached];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function deliveryExportRows(db: Db, engagementId: string): Promise<Array<Record<string, unknown>>> {
  const rows = await db
    .selectFrom('deliveries as d')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('calls')
          .select(['calls.call_id', 'calls.result as call_result', 'calls.sip_diagnostics'])
          .whereRef('calls.delivery_id', '=', 'd.delivery_id')
          .where('calls.call_state', 'is not', null)
          .where('calls.call_state', '<>', 'NotPlaced')
          .orderBy('calls.requested_at', 'desc')
          .orderBy(sql`calls.ended_at`, sql`desc nulls last`)
          .limit(1)
          .as('last_call'),
      (join) => join.onTrue(),
    )
    .selectAll('d')
    .select(['last_call.call_id as last_call_id', 'last_call.call_result', 'last_call.sip_diagnostics'])
    .where('d.engagement_id', '=', engagementId)
    .orderBy('d.created_at')
    .execute();
  return rows.map((d) => ({
    msdyn_delivery_id: d.delivery_id,
    // The ConversationId the dialer received is the call's intent id; a delivery never dialled keeps its own.
    msdyn_conversation_id: d.last_call_id ?? d.conversation_id,
    msdyn_call_id: d.call_id,
    msdyn_proactive_engagement_config_id: d.engagement_id,
    msdyn_journey_id: d.journey_id,
    msdyn_journey_run_id: d.journey_run_id,
    msdyn_contact_id: d.contact_id,
    msdyn_channel: d.channel,
    msdyn_status: d.status,
    msdyn_queue_id: d.queue_id,
    msdyn_tracking_id: d.tracking_id,
    msdyn_dialmode_type: productDialMode(d.dial_mode_type),
    msdyn_to_address: d.to_address,
    msdyn_from_address: d.from_address,
    msdyn_window_start_date: iso(d.window_start_date),
    msdyn_window_end_date: iso(d.window_end_date),
    msdyn_start_date: iso(d.start_date),
    msdyn_end_date: iso(d.end_date),
    msdyn_result: d.result && (CALL_ENDED_RESULTS as string[]).includes(d.result) && d.call_result ? d.call_result : d.result,
    msdyn_result_date: iso(d.result_date),
    msdyn_disposition_codes: d.disposition_codes,
    msdyn_cancellation_policy_id: d.cancelled_by_policy_id,
    msdyn_sip_diagnostics: d.sip_diagnostics,
  }));
}

/** Finished calls of an engagement by product result word. */
export async function callResultCounts(db: Db, engagementId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('calls')
    .innerJoin('deliveries', 'deliveries.delivery_id', 'calls.delivery_id')
    .select(['calls.result', (eb) => eb.fn.countAll<string>().as('n')])
    .where('deliveries.engagement_id', '=', engagementId)
    .where('calls.result', 'is not', null)
    .groupBy('calls.result')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.result, Number(r.n)]));
}
