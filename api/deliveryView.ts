import type { Db } from '../db/connect';
import { poolQueueState } from '../db/dispatchPools';
import type { WaitingFor } from '../domain/delivery/waitingFor';

/** The JSON shape of one delivery: the reporting columns plus its chain, attempts, calls, attributes and history. */
export async function loadDeliveryView(db: Db, deliveryId: string, temporalUi?: { url: string; namespace: string }) {
  const row = await db.selectFrom('deliveries').selectAll().where('delivery_id', '=', deliveryId).executeTakeFirst();
  if (!row) return undefined;
  const [contacts, attempts, calls, attributes, events, messages, engagement, slot] = await Promise.all([
    db.selectFrom('delivery_contacts').selectAll().where('delivery_id', '=', deliveryId).orderBy('position').execute(),
    db.selectFrom('attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt_number').execute(),
    db.selectFrom('calls').selectAll().where('delivery_id', '=', deliveryId).orderBy('requested_at').orderBy('call_id').execute(),
    db.selectFrom('delivery_attributes').selectAll().where('delivery_id', '=', deliveryId).orderBy('id').execute(),
    db.selectFrom('delivery_events').selectAll().where('delivery_id', '=', deliveryId).orderBy('seq').execute(),
    db.selectFrom('messages').selectAll().where('delivery_id', '=', deliveryId).orderBy('requested_at').execute(),
    db
      .selectFrom('engagements')
      .select(['state', 'state_reason', 'updated_at'])
      .where('engagement_id', '=', row.engagement_id)
      .executeTakeFirst(),
    loadSlotWait(db, deliveryId, row.dial_mode_type),
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
    cancelledByPolicyId: row.cancelled_by_policy_id,
    parentDeliveryId: row.parent_delivery_id,
    followUpDeliveryId: row.follow_up_delivery_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    workflowId: row.workflow_id,
    temporalUiUrl: temporalUi
      ? `${temporalUi.url}/namespaces/${encodeURIComponent(temporalUi.namespace)}/workflows/${encodeURIComponent(row.workflow_id)}`
      : undefined,
    contacts: contacts.map((c) => ({
      contactId: c.contact_id,
      timeZone: c.time_zone,
      phones: c.phones,
      country: c.country,
      state: c.state,
      postalCode: c.postal_code,
    })),
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
      voicemailLeft: c.voicemail_left,
      displayNumberReason: c.display_number_reason,
      requestedAt: c.requested_at,
      startedAt: c.started_at,
      endedAt: c.ended_at,
    })),
    messages: messages.map((m) => ({
      messageId: m.message_id,
      attemptNumber: m.attempt_number,
      contactId: m.contact_id,
      toAddress: m.to_address,
      fromAddress: m.from_address,
      body: m.body,
      status: m.status,
      error: m.error,
      requestedAt: m.requested_at,
      sentAt: m.sent_at,
    })),
    attributes: attributes.map((a) => ({ keyword: a.keyword, value: a.value, type: a.type })),
    events: events.map((e) => ({ at: e.at, status: e.status, detail: e.detail })),
    nextAttemptAt: row.status === 'Pending' ? row.next_attempt_at : null,
    waitingFor: currentWait(row.status, slot ?? (row.waiting_for as WaitingFor | null), engagement),
    timeline: events.map((e) => ({
      seq: e.seq,
      kind: e.kind,
      at: e.at,
      ...(e.until ? { until: e.until } : {}),
      status: e.status,
      detail: e.detail,
      ...(e.data ? { data: e.data } : {}),
    })),
  };
}

/**
 * A voice delivery in its pool's backlog waits for a dial slot (or, offered, for a representative):
 * the backlog row says so, with the pool's backlog size (the workflow records no event per slot wait).
 */
async function loadSlotWait(db: Db, deliveryId: string, dialMode: string | null): Promise<WaitingFor | undefined> {
  const queued = await db
    .selectFrom('dispatch_queue')
    .select(['pool_key', 'engagement_id', 'state', 'enqueued_at', 'attempt'])
    .where('delivery_id', '=', deliveryId)
    .executeTakeFirst();
  if (!queued || queued.state === 'granted') return undefined;
  const since = new Date(queued.enqueued_at).toISOString();
  const base = { pool: queued.pool_key, engagementId: queued.engagement_id, dialMode, attempt: queued.attempt, since };
  if (queued.state === 'offered')
    return { reason: 'preview-offer', detail: { ...base, text: `offered for preview in pool ${queued.pool_key}` } };
  const backlog = await db
    .selectFrom('dispatch_queue')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('pool_key', '=', queued.pool_key)
    .where('state', '=', 'waiting')
    .executeTakeFirstOrThrow();
  const backlogSize = Number(backlog.n);
  const queue = await poolQueueState(db, queued.pool_key);
  if (queue && !queue.open && !(await mayRunOutsideQueueHours(db, queued.engagement_id, dialMode))) {
    const checkedAt = queue.checkedAt.toISOString();
    return {
      reason: 'queue-closed',
      detail: {
        ...base,
        backlogSize,
        queueClosedSince: checkedAt,
        text: `waiting in pool ${queued.pool_key}: its queue is outside its operating hours (seen by the dispatcher at ${checkedAt})`,
      },
    };
  }
  const text = `waiting in pool ${queued.pool_key} for a ${dialMode ?? ''} dial slot since ${since} (${backlogSize} waiting)`;
  return { reason: 'dial-slot', detail: { ...base, backlogSize, text } };
}

/** An AI-led engagement may be allowed to call outside its queue's hours: its deliveries do not wait for them. */
async function mayRunOutsideQueueHours(db: Db, engagementId: string, dialMode: string | null): Promise<boolean> {
  if (dialMode !== 'ai-agent') return false;
  const row = await db.selectFrom('engagements').select('config').where('engagement_id', '=', engagementId).executeTakeFirst();
  const config = row?.config as { dialModeSettings?: { allowOutsideQueueHours?: boolean } } | undefined;
  return config?.dialModeSettings?.allowOutsideQueueHours === true;
}

/**
 * The stored wait, as it stands now: nothing unless pending; a slot wait of an engagement paused
 * since is "paused" (the dispatcher grants nothing to it), and a "paused" wait of a resumed one is a
 * slot wait again.
 */
function currentWait(
  status: string,
  stored: WaitingFor | null,
  engagement: { state: string; state_reason: string | null; updated_at: Date } | undefined,
): WaitingFor | null {
  if (status !== 'Pending' || !stored) return null;
  const slotWait = stored.reason === 'dial-slot' || stored.reason === 'paused' || stored.reason === 'queue-closed';
  if (!slotWait || !engagement) return stored;
  if (engagement.state === 'paused') {
    const since = new Date(engagement.updated_at).toISOString();
    const why = engagement.state_reason ? `: ${engagement.state_reason}` : '';
    return {
      reason: 'paused',
      detail: { ...stored.detail, text: `engagement paused since ${since}${why}`, since, pausedReason: engagement.state_reason },
    };
  }
  return stored.reason === 'paused' ? { reason: 'dial-slot', detail: { ...stored.detail, text: 'waiting for a dial slot' } } : stored;
}
