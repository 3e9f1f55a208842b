/**
 * The schedule rules a delivery runs with, fixed by its plan: its numbers in the order they are
 * tried, quiet hours per phone type, the zone mode and the caps. The workflow stores them with its
 * first record, and both the workflow's wait and the explain endpoint turn them into the schedule's
 * input with the one function below, so they evaluate the same thing.
 */
import type { ContactWindow, FrequencyLimits, QuietHours, ScheduleInput, ScheduleNumber, TimeZoneMode } from '../schedule';

export interface ScheduleSnapshot {
  numbers: ScheduleNumber[];
  quietHours: QuietHours;
  timeZoneMode: TimeZoneMode;
  limits: FrequencyLimits;
}

export function scheduleSnapshot(
  numbers: readonly ScheduleNumber[],
  rules: { quietHours: QuietHours; timeZoneMode: TimeZoneMode },
  limits: FrequencyLimits,
): ScheduleSnapshot {
  return {
    numbers: numbers.map(({ numberId, contactId, phoneType, contactZone }) => ({
      numberId,
      contactId,
      phoneType,
      contactZone: contactZone ?? null,
    })),
    quietHours: rules.quietHours,
    timeZoneMode: rules.timeZoneMode,
    limits,
  };
}

/** The schedule's input at `now`: touches by contact (ISO strings or Dates), numbers found invalid left out. */
export function scheduleInput(
  snapshot: ScheduleSnapshot,
  windows: ContactWindow[],
  now: Date,
  touches: Record<string, ReadonlyArray<string | Date>>,
  excludedNumberIds: Iterable<string>,
): ScheduleInput {
  return {
    now,
    windows,
    numbers: snapshot.numbers,
    quietHours: snapshot.quietHours,
    timeZoneMode: snapshot.timeZoneMode,
    limits: snapshot.limits,
    touches: Object.fromEntries(Object.entries(touches).map(([id, list]) => [id, list.map((s) => new Date(s))])),
    excludedNumberIds: [...excludedNumberIds],
  };
}
