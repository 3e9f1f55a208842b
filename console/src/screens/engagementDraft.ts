/**
 * The engagement editor's model: every setting of api/schemas/engagement.ts as a labelled field,
 * grouped as the seed's wizard pages. The draft is text as typed; `draftBody` turns it into the body
 * the API's schema reads (empty fields are left out, so the schema's defaults apply), and
 * `draftFromEngagement` reads a stored engagement back into a draft (edit, clone).
 */
import { REATTEMPT_REASONS } from '../../../domain/callState';
import { CHANNELS } from '../../../domain/delivery/deliveryStatus';
import { DISPLAY_NUMBER_CONDITIONS } from '../../../domain/displayNumbers/types';
import {
  AI_FAILURE_STOPS,
  ANSWERING_MACHINE_ACTIONS,
  CALL_ORDERS,
  DIAL_MODES,
  ENGAGEMENT_TYPES,
  PRIORITIES,
  RETRY_PRIORITIES,
  TIME_ZONE_MODES,
} from '../../../domain/engagement';
import { DEFAULT_ENGAGEMENT_SETTINGS } from '../../../domain/engagementDefaults';
import { PHONE_TYPES } from '../../../domain/phoneTypes';

export type FieldKind =
  | { kind: 'text' | 'tel' | 'int' | 'number' }
  | { kind: 'enum'; options: readonly string[]; optional?: boolean }
  | { kind: 'bool' }
  /** Comma-separated values, sent as an array. */
  | { kind: 'list' }
  /** A set of checkboxes, sent as an array. */
  | { kind: 'set'; options: readonly string[] };

export type FieldDef = FieldKind & { path: string; label: string; hint?: string };

/** Display-number rules, one per line: "field condition value number" (the value may be empty: "field equals  +1…"). */
export const RULES_PATH = 'displayNumbers.rules';

const f = (path: string, label: string, kind: FieldKind, hint?: string): FieldDef => ({ path, label, hint, ...kind });
const text = { kind: 'text' } as const;
const int = { kind: 'int' } as const;
const num = { kind: 'number' } as const;
const tel = { kind: 'tel' } as const;
const list = { kind: 'list' } as const;
const bool = { kind: 'bool' } as const;
const choice = (options: readonly string[], optional = false) => ({ kind: 'enum' as const, options, optional });

/** The seed's wizard pages, in its order; the schedule page also holds one quiet-hours field per phone type. */
export const PAGES: Array<{ id: string; title: string; fields: FieldDef[] }> = [
  {
    id: 'audience',
    title: 'Audience',
    fields: [
      f('engagementType', 'Engagement type', choice(ENGAGEMENT_TYPES)),
      f('channel', 'Channel', choice(CHANNELS)),
      f('routing.queueId', 'Queue id', text),
      f('routing.fallbackQueueId', 'Fallback queue', text),
      f('routing.skills', 'Skills (comma separated)', list),
      f('uniqueIdentifierAttribute', 'Unique identifier attribute', text),
    ],
  },
  {
    id: 'details',
    title: 'Details',
    fields: [
      f('engagementId', 'Engagement id (optional)', text),
      f('name', 'Name', text),
      f('description', 'Description', text),
      f('priority', 'Priority', choice(PRIORITIES)),
      f('callOrder', 'Call order', choice(CALL_ORDERS)),
      f('smsFollowUpEngagementId', 'SMS follow-up engagement id', text),
      f('sms.senderNumber', 'SMS sender number', tel),
      f('sms.messageText', 'SMS message text', text),
    ],
  },
  {
    id: 'dial-mode',
    title: 'Dial mode',
    fields: [
      f('dialMode', 'Dial mode', choice(DIAL_MODES)),
      f('dialModeSettings.previewCountdownSeconds', 'Preview countdown (seconds)', int),
      f('dialModeSettings.callsPerRepresentative', 'Calls per representative', int),
      f('dialModeSettings.maxConcurrentAiCalls', 'Concurrent AI calls', int),
      f('dialModeSettings.allowOutsideQueueHours', 'Allow calls outside queue hours', bool),
      f('answeringMachine.action', 'Answering machine action', choice(ANSWERING_MACHINE_ACTIONS, true)),
      f('answeringMachine.voicemailMessage', 'Voicemail message', text),
      f('abandonment.seconds', 'Abandon after (seconds)', int),
      f('abandonment.message', 'Abandonment message', text),
    ],
  },
  {
    id: 'display-numbers',
    title: 'Display numbers',
    fields: [
      f('routing.queueDisplayNumber', 'Queue display number', tel),
      f('displayNumbers.mode', 'Display number mode', choice(['queue', 'automated', 'rules'], true)),
      f('displayNumbers.numbers', 'Automated display numbers (comma separated)', list),
      f(
        RULES_PATH,
        'Display number rules',
        text,
        `one per line: field condition value number (conditions: ${DISPLAY_NUMBER_CONDITIONS.join(', ')})`,
      ),
    ],
  },
  {
    id: 'reattempts',
    title: 'Reattempts',
    fields: [
      f('reattempts.maxAttempts', 'Maximum attempts', int),
      f('reattempts.waitSeconds', 'Seconds between attempts', int),
      f('reattempts.reasons', 'Reattempt on', { kind: 'set', options: REATTEMPT_REASONS }),
      f('reattempts.retryDispositionCodes', 'Retry disposition codes (comma separated)', list),
      f('reattempts.dispositionWaitSeconds', 'Wait for disposition codes (seconds)', int),
      f('reattempts.retryPriority', 'Retry priority', choice(RETRY_PRIORITIES, true)),
    ],
  },
  {
    id: 'frequency',
    title: 'Frequency limits',
    fields: [
      f('frequencyLimits.perDay', 'Calls per contact per day', int),
      f('frequencyLimits.perWeek', 'Calls per contact per week', int),
    ],
  },
  { id: 'schedule', title: 'Schedule and quiet hours', fields: [] },
  { id: 'time-zones', title: 'Time zones', fields: [f('timeZoneMode', 'Time zone', choice(TIME_ZONE_MODES))] },
  {
    id: 'pacing',
    title: 'Pacing rules',
    fields: [
      f('pacingRules.abandonmentCapPercent', 'Abandonment cap (%)', num),
      f('pacingRules.abandonmentWindowHours', 'Abandonment window (hours)', int),
      f('pacingRules.minimumLiveAnswers', 'Minimum live answers before the cap applies', int),
      f('pacingRules.aiFailure.stop', 'Stop on AI failures', choice(AI_FAILURE_STOPS, true)),
      f('pacingRules.aiFailure.ratePercent', 'AI failure rate (%)', num),
      f('pacingRules.maxAverageWaitSeconds', 'Maximum average wait (seconds)', num),
      f('pacingRules.maxQueueSharePercent', 'Maximum queue share (%)', num),
      f('dialer.project', 'Dialer project', text),
      f('dialer.tenant', 'Dialer tenant', text),
      f('dialer.scenarioPath', 'Dialer scenario path', text),
      f('dialer.orchestratorUrl', 'Dialer orchestrator URL', text),
    ],
  },
];

export const FIELDS = PAGES.flatMap((p) => p.fields);

export interface Draft {
  values: Record<string, string>;
  sets: Record<string, string[]>;
  /** Phone types called, with their quiet hours as typed ("21:00-08:00, 12:00-13:00"). */
  phoneTypes: Record<string, { on: boolean; quietHours: string }>;
}

export const quietPath = (index: number) => `schedule.${index}.quietHours`;

/** A new engagement's draft: the domain's defaults shown in their fields, mobile numbers called. */
export function emptyDraft(): Draft {
  const d = draftFromEngagement({ ...structuredClone(DEFAULT_ENGAGEMENT_SETTINGS), schedule: [{ type: 'mobile', quietHours: [] }] });
  d.values.engagementId = '';
  return d;
}

/** "09:00-12:00, 20:00-08:00" → [{ start, end }]; the schema checks each time. */
export function parseQuietHours(text: string): Array<{ start: string; end: string }> {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [start = '', end = ''] = s.split('-').map((p) => p.trim());
      return { start, end };
    });
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = target;
  for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

function getPath(source: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined), source);
}

/** A number as typed: the number, or the text itself (which the schema then refuses with its own message). */
const asNumber = (v: string) => (Number.isNaN(Number(v)) ? v : Number(v));
const asList = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function parseRules(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const parts = line.split(/\s+/);
      const number = parts.length > 2 ? parts.pop()! : '';
      const [field = '', condition = '', ...value] = parts;
      return { field, condition, value: value.join(' '), number };
    });
}

/** The POST / PUT body the draft stands for. */
export function draftBody(d: Draft): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const def of FIELDS) {
    if (def.kind === 'set') {
      if (d.sets[def.path]) setPath(body, def.path, d.sets[def.path]);
      continue;
    }
    const raw = (d.values[def.path] ?? '').trim();
    if (def.kind === 'bool') {
      if (raw) setPath(body, def.path, raw === 'true');
      continue;
    }
    if (raw === '') continue;
    if (def.path === RULES_PATH) setPath(body, def.path, parseRules(d.values[def.path] ?? ''));
    else if (def.kind === 'int' || def.kind === 'number') setPath(body, def.path, asNumber(raw));
    else if (def.kind === 'list') setPath(body, def.path, asList(raw));
    else setPath(body, def.path, raw);
  }
  body.schedule = PHONE_TYPES.filter((t) => d.phoneTypes[t]?.on).map((type) => ({
    type,
    quietHours: parseQuietHours(d.phoneTypes[type]?.quietHours ?? ''),
  }));
  return body;
}

/** A stored engagement (GET /v1/engagements/:id) as a draft; `clone` leaves the id empty and renames it. */
export function draftFromEngagement(e: Record<string, unknown>, clone = false): Draft {
  const d: Draft = { values: {}, sets: {}, phoneTypes: {} };
  for (const def of FIELDS) {
    const value = getPath(e, def.path);
    if (value === undefined || value === null) continue;
    if (def.kind === 'set') d.sets[def.path] = value as string[];
    else if (def.path === RULES_PATH)
      d.values[def.path] = (value as Array<Record<string, string>>)
        .map((r) => `${r.field} ${r.condition} ${r.value} ${r.number}`)
        .join('\n');
    else if (Array.isArray(value)) d.values[def.path] = value.join(', ');
    else d.values[def.path] = String(value);
  }
  const schedule = (e.schedule ?? []) as Array<{ type: string; quietHours: Array<{ start: string; end: string }> }>;
  for (const t of PHONE_TYPES) {
    const s = schedule.find((x) => x.type === t);
    d.phoneTypes[t] = { on: !!s, quietHours: s ? s.quietHours.map((q) => `${q.start}-${q.end}`).join(', ') : '' };
  }
  if (clone) {
    d.values.engagementId = '';
    d.values.name = `${d.values.name ?? ''} (copy)`;
  } else delete d.values.engagementId;
  return d;
}

/** The field an issue's path belongs to (the longest known prefix), or "(form)". */
export function fieldOf(issuePath: string, selectedTypes: number): string {
  const paths = [...FIELDS.map((d) => d.path), 'schedule', 'sms', ...Array.from({ length: selectedTypes }, (_, i) => quietPath(i))];
  return paths.filter((p) => issuePath === p || issuePath.startsWith(`${p}.`)).sort((a, b) => b.length - a.length)[0] ?? '(form)';
}

export type Errors = Record<string, string[]>;

export function groupIssues(issues: Array<{ path: string; message: string }>, selectedTypes: number): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path, selectedTypes);
    (errors[field] ??= []).push(field === '(form)' || field !== issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  return errors;
}
