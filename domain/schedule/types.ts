/**
 * Value types of the schedule module (spec §3 step 2). Plain data, no behaviour, safe to import
 * from workflow code.
 */

/** The phone types a contact may have; quiet hours are configured per type. */
export type { PhoneType } from '../phoneTypes';
import type { PhoneType } from '../phoneTypes';

/** A contact window: the half-open UTC interval [start, end). */
export interface ContactWindow {
  start: Date;
  end: Date;
}

/**
 * A daily interval of local wall-clock time, "HH:mm" (00:00..23:59).
 * start < end: [start, end) each day; start > end: crosses midnight ([start, 24:00) ∪ [00:00, end));
 * start == end: empty.
 */
export interface DailyInterval {
  start: string;
  end: string;
}

/** Quiet hours per phone type. A phone type absent from the record has no quiet hours. */
export type QuietHours = Partial<Record<PhoneType, DailyInterval[]>>;

/**
 * Which zone quiet hours are evaluated in.
 * 'contact': the contact's IANA zone, UTC when the contact has none (or an invalid one);
 * 'utc': UTC for every contact.
 */
export type TimeZoneMode = 'contact' | 'utc';

/**
 * Frequency caps per contact, counting every call placed and SMS sent across all engagements and
 * channels, per local calendar day and per ISO week (Monday 00:00 start) in the contact's zone.
 * An absent limit is no cap; a limit of 0 (or less) means the contact may never be touched.
 */
export interface FrequencyLimits {
  perDay?: number;
  perWeek?: number;
}

/** One number of a delivery's chain. */
export interface ScheduleNumber {
  numberId: string;
  contactId: string;
  phoneType: PhoneType;
  /** The contact's IANA zone; absent, null or invalid means UTC. */
  contactZone?: string | null;
}

export interface ScheduleInput {
  now: Date;
  /** May overlap and be unsorted. An empty array means no window at all (the API applies the 24 h default). */
  windows: ContactWindow[];
  /** The chain's numbers in the order they would be tried (see orderNumbersForAttempt). */
  numbers: ScheduleNumber[];
  quietHours: QuietHours;
  /** Zone used for quiet hours. */
  timeZoneMode: TimeZoneMode;
  limits: FrequencyLimits;
  /** Instants of calls placed / SMS sent to each contact, across all engagements and channels. */
  touches: Record<string, Date[]>;
  /** Numbers never to consider (e.g. already found invalid). */
  excludedNumberIds?: string[];
  /**
   * Zone used to delimit the days and weeks of the frequency caps. Defaults to 'contact' (the
   * contact's own zone, UTC when none): caps are shared by all engagements, so they should not
   * depend on one engagement's time-zone mode. Pass 'utc' to count UTC days and weeks.
   */
  capsTimeZoneMode?: TimeZoneMode;
}

export type NoneReason =
  /** No window ends after `now` (or none was given). */
  | 'no-window-left'
  /** Every number is excluded, or the chain has none. */
  | 'no-callable-number'
  /** Windows remain but quiet hours and/or caps block every number until the last one closes. */
  | 'quiet-hours-or-caps';

export type ScheduleDecision =
  /**
   * `at`: the earliest instant >= now inside a window at which at least one number is outside its
   * quiet hours and its contact is under the caps. `callableNumberIds`: every number callable at
   * `at`, in input order.
   */
  { kind: 'eligible'; at: Date; callableNumberIds: string[] } | { kind: 'none'; reason: NoneReason };
