import type { Db } from '../db/connect';

/** The JSON shape of one delivery: the reporting columns plus its chain, attempts, calls, attributes and history. */
export async function loadDeliveryView(db: Db, deliveryId: string, temporalUi?: { url: string; namespace: string }) {
  const row = await db.selectFrom('deliveries').selectAll().where('delivery_id', '=', deliveryId).executeTakeFirst();
  if (!row) return undefined;
  const [contacts, attempts, calls, attributes, events] = await Promise.all([
    db.selectFrom('delivery_contacts').selectAll().where('delivery_id', '=', deliveryId).orderBy('position').execute(),
    db.selectFrom('attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt_number').execute(),
    db.selectFrom('calls').selectAll().where('delivery_id', '=', deliveryId).orderBy('requested_at').orderBy('call_id').execute(),
    db.selectFrom('delivery_attributes').selectAll().where('delivery_id', '=', deliveryId).orderBy('id').execute(),
    db.selectFrom('delivery_events').selectAll().where('delivery_id', '=', deliveryId).orderBy('seq').execute(),
  ]);
  return {
    deliveryId: row.delivery_id,
    conversationId: row.conversation_id,
    callId: row.call_id,
    engagementId: row.engagement_id,
    contactId: row.contact_id,
    channel: row.channel,
    status: row.status,
    result: row.result,
    resultDate: row.result_date,
    queueId: row.queue_id,
    trackingId: row.tracking_id,
    dialModeType: row.dial_mode_type,
    toAddress: row.to_address,
    fromAddress: row.from_address,
    windowStartDate: row.window_start_date,
    windowEndDate: row.window_end_date,
    windows: row.windows,
    startDate: row.start_date,
    endDate: row.end_date,
    dispositionCodes: row.disposition_codes,
    errorReason: row.error_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    workflowId: row.workflow_id,
    temporalUiUrl: temporalUi ? `${temporalUi.url}/namespaces/${encodeURIComponent(temporalUi.namespace)}/workflows/${encodeURIComponent(row.workflow_id)}` : undefined,
    contacts: contacts.map((c) => ({ contactId: c.contact_id, timeZone: c.time_zone, phones: c.phones })),
    attempts: attempts.map((a) => ({ attemptNumber: a.attempt_number, startedAt: a.started_at, endedAt: a.ended_at, outcome: a.outcome })),
    calls: calls.map((c) => ({
      callId: c.call_id,
      attemptNumber: c.attempt_number,
      contactId: c.contact_id,
      phoneType: c.phone_type,
      toAddress: c.to_address,
      fromAddress: c.from_address,
      uniqueId: c.unique_id,
      callState: c.call_state,
      answeringMachine: c.answering_machine,
      abandoned: c.abandoned,
      reattemptReason: c.reattempt_reason,
      dispositionCodes: c.disposition_codes,
      requestedAt: c.requested_at,
      startedAt: c.started_at,
      endedAt: c.ended_at,
    })),
    attributes: attributes.map((a) => ({ keyword: a.keyword, value: a.value, type: a.type })),
    events: events.map((e) => ({ at: e.at, status: e.status, detail: e.detail })),
  };
}
