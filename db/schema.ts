import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Timestamps go in as Date or ISO string and come back as Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  roles: string[];
  key_hash: string;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
  /** The representative an agent key acts as on the preview desk (migration 0010). */
  representative_id: Generated<string | null>;
}

export interface EngagementsTable {
  engagement_id: string;
  name: string;
  channel: string;
  /** The validated engagement settings (domain/engagement.ts). */
  config: Json<unknown>;
  state: string;
  state_reason: string | null;
  /** Pacing rules count outcomes from here on (set on resume); null: their whole period. */
  rules_since: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** One row per delivery, with the reporting columns of the seed's delivery table. */
export interface DeliveriesTable {
  delivery_id: string;
  conversation_id: string;
  call_id: string | null;
  engagement_id: string;
  journey_id: string | null;
  journey_run_id: string | null;
  contact_id: string | null;
  channel: string;
  status: string;
  queue_id: string | null;
  tracking_id: string | null;
  dial_mode_type: string | null;
  to_address: string | null;
  from_address: string | null;
  window_start_date: Timestamp;
  window_end_date: Timestamp;
  windows: Json<Array<{ start: string; end: string }>>;
  start_date: Timestamp | null;
  end_date: Timestamp | null;
  result: string | null;
  result_date: Timestamp | null;
  disposition_codes: string | null;
  error_reason: string | null;
  /** The voice delivery an SMS follow-up came from, and the follow-up a voice delivery created. */
  parent_delivery_id: string | null;
  follow_up_delivery_id: string | null;
  cancelled_by_policy_id: string | null;
  /** The CSV upload the delivery came from, and when its workflow was started (uploads start them in batches). */
  upload_id: string | null;
  workflow_started_at: Timestamp | null;
  workflow_id: string;
  idempotency_key: string | null;
  request_hash: string | null;
  /** What the delivery waits for now (domain/delivery/waitingFor.ts) and when it next tries. */
  waiting_for: ColumnType<unknown, string | null | undefined, string | null>;
  next_attempt_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The schedule inputs its workflow runs with, written by the workflow's first record. */
  schedule_rules: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** The chain of 1..5 contacts of a delivery, in the order they are tried. */
export interface DeliveryContactsTable {
  delivery_id: string;
  position: number;
  contact_id: string;
  time_zone: string | null;
  phones: Json<Array<{ type: string; number: string }>>;
  country: string | null;
  state: string | null;
  postal_code: string | null;
}

/** An AND filter over engagement, country/region, state and postal code (absent = any), active until `until` or its end. */
export interface CancellationPoliciesTable {
  policy_id: string;
  engagement_id: string | null;
  country: string | null;
  state: string | null;
  postal_code: string | null;
  until: Timestamp | null;
  comment: string;
  created_at: CreatedAt;
  ended_at: Timestamp | null;
  cancelled_count: Generated<number>;
}

export interface DeliveryAttributesTable {
  id: Generated<number>;
  delivery_id: string;
  keyword: string;
  value: string;
  /** 'input' (given at creation) or 'result' (set by the engine or a representative). */
  type: string;
  created_at: CreatedAt;
}

export interface AttemptsTable {
  delivery_id: string;
  attempt_number: number;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  outcome: string | null;
}

/**
 * One dial of one number. `call_id` is the intent id, fixed before the dialer is asked,
 * so a retried activity finds the call it already placed instead of placing another.
 */
export interface CallsTable {
  call_id: string;
  /** The representative who accepted the preview this call placed; null in other dial modes. */
  representative_id: Generated<string | null>;
  delivery_id: string;
  attempt_number: number;
  contact_id: string;
  phone_type: string;
  to_address: string;
  from_address: string;
  unique_id: string | null;
  call_state: string | null;
  answering_machine: boolean | null;
  abandoned: boolean | null;
  reattempt_reason: string | null;
  disposition_codes: string | null;
  voicemail_left: boolean | null;
  /** The product's result word (domain/delivery/productOutcomes.ts), set with call_state. */
  result: ColumnType<string | null, string | null | undefined, string | null>;
  sip_code: ColumnType<number | null, number | null | undefined, number | null>;
  /** The dialer's SIP diagnostics as sent (SIP code, Q.850 cause, reasons), at most 1000 characters. */
  sip_diagnostics: ColumnType<string | null, string | null | undefined, string | null>;
  /** How the result reached the engine: 'push' (ResultDestination), 'poll' (/v2/callresult), 'engine' (Unknown). */
  wait_ms: ColumnType<number | null, number | null | undefined, number | null>;
  result_source: ColumnType<string | null, string | null | undefined, string | null>;
  /** A connected call's talk and wrap-up as the dialer reports them (ms); null when it does not. */
  talk_ms: ColumnType<number | null, number | null | undefined, number | null>;
  wrap_ms: ColumnType<number | null, number | null | undefined, number | null>;
  /** Why this display number was used: queue, automated, rule N. */
  display_number_reason: string | null;
  requested_at: Timestamp;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
}

/** The frequency-cap ledger: every call placed and SMS sent to a contact. */
export interface ContactTouchesTable {
  touch_id: string;
  contact_id: string;
  channel: string;
  engagement_id: string;
  delivery_id: string;
  at: Timestamp;
}

export interface MessagesTable {
  message_id: string;
  delivery_id: string;
  attempt_number: number;
  contact_id: string;
  to_address: string;
  from_address: string;
  body: string;
  gateway_message_id: string | null;
  status: string | null;
  error: string | null;
  requested_at: Timestamp;
  sent_at: Timestamp | null;
}

/** Every status transition of a delivery, in order: the audit trail beside the Temporal history. */
export interface DeliveryEventsTable {
  id: Generated<number>;
  delivery_id: string;
  /** Transition number inside the delivery: a retried activity writes the same row, not a second one. */
  seq: number;
  at: Timestamp;
  status: string;
  detail: string | null;
  /** 'transition' (a status change), 'wait' (what the delivery waits for, and why), 'decision'. */
  kind: Generated<string>;
  until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  data: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
}

/** A delivery waiting for (or holding) a dial slot; the row goes when the slot is released. */
export interface DispatchQueueTable {
  delivery_id: string;
  pool_key: string;
  engagement_id: string;
  workflow_id: string;
  attempt: number;
  is_retry: boolean;
  delivery_created_at: Timestamp;
  window_end: Timestamp;
  custom_priority: number | null;
  state: 'waiting' | 'offered' | 'granted';
  enqueued_at: Timestamp;
  grant_id: string | null;
  granted_at: Timestamp | null;
  offer_accepted_by: string | null;
  ringing_since: Timestamp | null;
  answered_at: Timestamp | null;
}

/** One call's outcome as pacing and the pacing rules see it. */
export interface DispatchOutcomesTable {
  id: Generated<string>;
  pool_key: string;
  engagement_id: string;
  call_id: string;
  at: Timestamp;
  ring_ms: number;
  live: boolean;
  /** Null when the dialer did not say (a live answer from a seed-004-only dialer). */
  abandoned: boolean | null;
  failed: boolean;
  wait_ms: number | null;
}

export interface DispatchPoolsTable {
  pool_key: string;
  idle: Generated<boolean>;
  updated_at: Generated<Timestamp>;
  /** Whether the dispatcher last saw the pool's queue inside its operating hours (null: not yet seen). */
  queue_open: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  queue_checked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** A recorded dispatcher tick (one that granted, or whose decision changed); its id is the grant id. */
export interface PacingTicksTable {
  tick_id: string;
  pool_key: string;
  at: Timestamp;
  inputs: ColumnType<Record<string, unknown>, string, string>;
}

/** One engagement's part in a recorded tick: granted to, throttled or paused. */
export interface PacingDecisionsTable {
  tick_id: string;
  engagement_id: string;
  at: Timestamp;
  kind: 'grant' | 'throttle' | 'pause';
  held_by: string | null;
  granted: number;
  allowance: number;
  detail: ColumnType<Record<string, unknown>, string, string>;
}

/** Every tick of a minute, per pool and engagement, summed (averages divide by `ticks`). */
export interface PacingMinutesTable {
  engagement_id: string;
  minute: Timestamp;
  pool_key: string;
  ticks: number;
  grants: number;
  allowance_min: number;
  allowance_max: number;
  allowance_sum: ColumnType<string, number | string, number | string>;
  agents_sum: ColumnType<string, number | string, number | string>;
  available_sum: ColumnType<string, number | string, number | string>;
  in_flight_sum: ColumnType<string, number | string, number | string>;
  last_write_id: string;
}

/** Slots granted at the request in one minute (AI agent pools with room), per engagement and pool. */
export interface RequestGrantMinutesTable {
  engagement_id: string;
  minute: Timestamp;
  pool_key: string;
  grants: number;
}

/** A contact upserted by CSV intake, keyed by the engagement's unique identifier. */
export interface ContactsTable {
  engagement_id: string;
  unique_identifier: string;
  identifier_attribute: string;
  first_name: string | null;
  last_name: string | null;
  country: string | null;
  state: string | null;
  postal_code: string | null;
  time_zone: string | null;
  mobile_phone: string | null;
  business_phone: string | null;
  home_phone: string | null;
  /** Pass-through columns, shown to the representative. */
  attributes: Json<Record<string, string>>;
  last_upload_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A CSV upload: its state and progress counters (api/uploads). */
export interface UploadsTable {
  upload_id: string;
  engagement_id: string;
  state: string;
  bytes: ColumnType<string, number | string, number | string>;
  default_country: string | null;
  engagement_config: Json<unknown>;
  intake_run: string;
  rows_read: Generated<number>;
  rows_accepted: Generated<number>;
  rows_rejected: Generated<number>;
  deliveries_created: Generated<number>;
  deliveries_suppressed: Generated<number>;
  deliveries_scheduled: Generated<number>;
  error: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  stored_at: Timestamp | null;
  completed_at: Timestamp | null;
}

/** A rejected row of an upload: its physical line in the file (header = 1) and why. */
export interface UploadRowErrorsTable {
  upload_id: string;
  line: number;
  reason: string;
}

export interface Database {
  api_keys: ApiKeysTable;
  engagements: EngagementsTable;
  deliveries: DeliveriesTable;
  delivery_contacts: DeliveryContactsTable;
  delivery_attributes: DeliveryAttributesTable;
  attempts: AttemptsTable;
  calls: CallsTable;
  delivery_events: DeliveryEventsTable;
  contact_touches: ContactTouchesTable;
  cancellation_policies: CancellationPoliciesTable;
  messages: MessagesTable;
  dispatch_queue: DispatchQueueTable;
  dispatch_outcomes: DispatchOutcomesTable;
  dispatch_pools: DispatchPoolsTable;
  pacing_ticks: PacingTicksTable;
  pacing_decisions: PacingDecisionsTable;
  pacing_minutes: PacingMinutesTable;
  request_grant_minutes: RequestGrantMinutesTable;
  contacts: ContactsTable;
  uploads: UploadsTable;
  upload_row_errors: UploadRowErrorsTable;
}

export type DeliveryRow = Selectable<DeliveriesTable>;
export type NewDelivery = Insertable<DeliveriesTable>;
export type DeliveryUpdate = Updateable<DeliveriesTable>;
export type CallRow = Selectable<CallsTable>;
export type EngagementRow = Selectable<EngagementsTable>;
export type UploadRow = Selectable<UploadsTable>;
