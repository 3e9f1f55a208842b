import type { Db } from '../db/connect';
import { quietHoursOf } from '../domain/delivery/callableNumber';
import { reachablePhoneTypes } from '../domain/delivery/channelRules';
import { type ChainContact, type ContactPhone, dialTargets } from '../domain/delivery/deliveryPlan';
import { type DeliveryStatus, isFinalStatus } from '../domain/delivery/deliveryStatus';
import { scheduleInput, scheduleSnapshot, type ScheduleSnapshot } from '../domain/delivery/scheduleSnapshot';
import type { ExplainReason } from '../domain/delivery/waitingFor';
import { parseWindows } from '../domain/delivery/windowInputs';
import type { EngagementConfig } from '../domain/engagement';
import { maskPhoneNumber } from '../domain/phoneMasking';
import { explainAt } from '../domain/schedule/explain';

/** Where the rules came from: the workflow's own snapshot, or (workflow not started yet) the engagement's current settings. */
type RulesSource = 'delivery' | 'engagement-current';

/**
 * Why the delivery is (not) callable at `at`, past or future: its own schedule rules evaluated by the
 * scheduler's conditions (domain/schedule/explain.ts), plus what acts live: numbers found invalid,
 * the engagement paused, the delivery already final. undefined: no such delivery.
 */
export async function explainDelivery(db: Db, deliveryId: string, at: Date) {
  const row = await db
    .selectFrom('deliveries')
    .select(['delivery_id', 'engagement_id', 'channel', 'status', 'result', 'end_date', 'windows', 'schedule_rules'])
    .where('delivery_id', '=', deliveryId)
    .executeTakeFirst();
  if (!row) return undefined;
  const [contactRows, invalidCalls, engagement] = await Promise.all([
    db.selectFrom('delivery_contacts').selectAll().where('delivery_id', '=', deliveryId).orderBy('position').execute(),
    db
      .selectFrom('calls')
      .select(['contact_id', 'phone_type', 'ended_at', 'requested_at'])
      .where('delivery_id', '=', deliveryId)
      .where('call_state', '=', 'Invalid Number')
      .execute(),
    db
      .selectFrom('engagements')
      .select(['config', 'state', 'state_reason', 'updated_at'])
      .where('engagement_id', '=', row.engagement_id)
      .executeTakeFirst(),
  ]);
  const contacts: ChainContact[] = contactRows.map((c) => ({
    contactId: c.contact_id,
    timeZone: c.time_zone,
    phones: c.phones as ContactPhone[],
  }));
  let snapshot = row.schedule_rules as ScheduleSnapshot | null;
  let rulesSource: RulesSource = 'delivery';
  if (!snapshot) {
    const config = engagement?.config as EngagementConfig;
    const targets = dialTargets(contacts, reachablePhoneTypes(row.channel as 'voice' | 'sms', config.schedule));
    snapshot = scheduleSnapshot(
      targets,
      { quietHours: quietHoursOf(config.schedule), timeZoneMode: config.timeZoneMode },
      config.frequencyLimits,
    );
    rulesSource = 'engagement-current';
  }
  // Invalid as of `at`: found on a call that ended before it.
  const invalid = new Set(
    invalidCalls
      .filter((c) => new Date(c.ended_at ?? c.requested_at).getTime() <= at.getTime())
      .flatMap((c) => snapshot.numbers.filter((n) => n.contactId === c.contact_id && n.phoneType === c.phone_type).map((n) => n.numberId)),
  );
  const contactIds = [...new Set(snapshot.numbers.map((n) => n.contactId))];
  const touchRows = contactIds.length
    ? await db.selectFrom('contact_touches').select(['contact_id', 'at']).where('contact_id', 'in', contactIds).orderBy('at').execute()
    : [];
  const touches: Record<string, Date[]> = {};
  for (const t of touchRows) (touches[t.contact_id] ??= []).push(new Date(t.at));

  const explanation = explainAt(scheduleInput(snapshot, parseWindows(row.windows), at, touches, invalid), at);
  const live: ExplainReason[] = [];
  const endedAt = row.end_date ? new Date(row.end_date) : null;
  if (isFinalStatus(row.status as DeliveryStatus) && (!endedAt || endedAt.getTime() <= at.getTime())) {
    const when = endedAt ? endedAt.toISOString() : null;
    live.push({
      code: 'delivery-final',
      detail: {
        text: `the delivery ended ${row.status}${row.result ? ` (${row.result})` : ''}${when ? ` at ${when}` : ''}`,
        status: row.status,
        result: row.result,
        at: when,
      },
    });
  }
  if (engagement?.state === 'paused' && new Date(engagement.updated_at).getTime() <= at.getTime()) {
    const since = new Date(engagement.updated_at).toISOString();
    live.push({
      code: 'engagement-paused',
      detail: {
        text: `engagement ${row.engagement_id} paused since ${since}${engagement.state_reason ? `: ${engagement.state_reason}` : ''}`,
        since,
        reason: engagement.state_reason,
      },
    });
  }
  const numberOf = (numberId: string): string | undefined => {
    const [index, type] = numberId.split(':');
    return contacts[Number(index)]?.phones.find((p) => p.type === type)?.number;
  };
  const numbers = explanation.numbers.map((n) => {
    const reasons: ExplainReason[] = [...n.reasons, ...live];
    const number = numberOf(n.numberId);
    return {
      numberId: n.numberId,
      contactId: n.contactId,
      phoneType: n.phoneType,
      number: number ? maskPhoneNumber(number) : null,
      callable: reasons.length === 0,
      reasons,
    };
  });
  return { deliveryId, at: explanation.at, callable: numbers.some((n) => n.callable), rulesSource, numbers };
}
