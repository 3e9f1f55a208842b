import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { parseEngagementCreate } from '../../../api/schemas/engagement';
import { CHANNELS } from '../../../domain/delivery/deliveryStatus';
import { DIAL_MODES, PRIORITIES, TIME_ZONE_MODES } from '../../../domain/engagement';
import { PHONE_TYPES } from '../../../domain/phoneTypes';
import { ApiFailure, post } from '../api';
import { navigate } from '../router';

/** The form's text, as typed (numbers stay text until they are read into the body). */
interface Draft {
  engagementId: string;
  name: string;
  description: string;
  channel: string;
  dialMode: string;
  priority: string;
  queueId: string;
  queueDisplayNumber: string;
  phoneTypes: Record<string, { on: boolean; quietHours: string }>;
  timeZoneMode: string;
  maxAttempts: string;
  waitSeconds: string;
  perDay: string;
  perWeek: string;
  abandonmentCapPercent: string;
  smsSender: string;
  smsText: string;
}

const initial: Draft = {
  engagementId: '',
  name: '',
  description: '',
  channel: 'voice',
  dialMode: 'progressive',
  priority: 'Normal',
  queueId: '',
  queueDisplayNumber: '',
  phoneTypes: Object.fromEntries(PHONE_TYPES.map((t) => [t, { on: t === 'mobile', quietHours: '' }])),
  timeZoneMode: 'contact',
  maxAttempts: '',
  waitSeconds: '',
  perDay: '',
  perWeek: '',
  abandonmentCapPercent: '',
  smsSender: '',
  smsText: '',
};

/** A number field as typed: absent when empty, else the number (or the text, which the schema then refuses). */
const num = (v: string) => (v.trim() === '' ? undefined : Number.isNaN(Number(v)) ? v : Number(v));
const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));

/** "09:00-12:00, 20:00-08:00" → [{ start, end }]; the schema checks each time. */
const quietHours = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [start = '', end = ''] = s.split('-').map((p) => p.trim());
      return { start, end };
    });

/** The POST /v1/engagements body the draft stands for. */
export function engagementBody(d: Draft): Record<string, unknown> {
  const types = PHONE_TYPES.filter((t) => d.phoneTypes[t]?.on);
  const reattempts = d.maxAttempts || d.waitSeconds ? { maxAttempts: num(d.maxAttempts), waitSeconds: num(d.waitSeconds) } : undefined;
  const frequencyLimits = d.perDay || d.perWeek ? compact({ perDay: num(d.perDay), perWeek: num(d.perWeek) }) : undefined;
  return compact({
    engagementId: d.engagementId.trim() || undefined,
    name: d.name,
    description: d.description || undefined,
    channel: d.channel,
    dialMode: d.dialMode,
    priority: d.priority,
    routing: { queueId: d.queueId, queueDisplayNumber: d.queueDisplayNumber },
    schedule: types.map((type) => ({ type, quietHours: quietHours(d.phoneTypes[type]?.quietHours ?? '') })),
    timeZoneMode: d.timeZoneMode,
    reattempts,
    frequencyLimits,
    pacingRules: d.abandonmentCapPercent ? { abandonmentCapPercent: num(d.abandonmentCapPercent) } : undefined,
    sms: d.channel === 'sms' ? { senderNumber: d.smsSender, messageText: d.smsText } : undefined,
  });
}

/** The inputs an issue's path belongs to (the longest known prefix); anything else goes to the summary. */
const FIELD_PATHS = [
  'engagementId',
  'name',
  'description',
  'channel',
  'dialMode',
  'priority',
  'routing.queueId',
  'routing.queueDisplayNumber',
  'schedule',
  ...PHONE_TYPES.map((_, i) => `schedule.${i}.quietHours`),
  'timeZoneMode',
  'reattempts.maxAttempts',
  'reattempts.waitSeconds',
  'frequencyLimits.perDay',
  'frequencyLimits.perWeek',
  'pacingRules.abandonmentCapPercent',
  'sms.senderNumber',
  'sms.messageText',
];

type Errors = Record<string, string[]>;

function groupIssues(issues: Array<{ path: string; message: string }>): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const field =
      FIELD_PATHS.filter((f) => issue.path === f || issue.path.startsWith(`${f}.`)).sort((a, b) => b.length - a.length)[0] ?? '(form)';
    (errors[field] ??= []).push(field === '(form)' ? `${issue.path}: ${issue.message}` : issue.message);
  }
  return errors;
}

const idOf = (path: string) => `f-${path.replace(/\./g, '-')}`;

export function EngagementForm() {
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const selectedTypes = PHONE_TYPES.filter((t) => draft.phoneTypes[t]?.on);

  /** A labelled control with its messages, tied by aria-describedby (a function, not a component: inputs keep focus). */
  const field = (path: string, label: string, children: (a: Record<string, unknown>) => ComponentChildren) => {
    const messages = errors[path] ?? [];
    const id = idOf(path);
    return (
      <div class="field" key={path}>
        <label for={id}>{label}</label>
        {children({ id, 'aria-invalid': messages.length > 0, 'aria-describedby': messages.length ? `${id}-error` : undefined })}
        {messages.length > 0 && (
          <span class="field-error" id={`${id}-error`}>
            {messages.join('; ')}
          </span>
        )}
      </div>
    );
  };
  const textField = (path: string, label: string, key: keyof Draft, extra: Record<string, unknown> = {}) =>
    field(path, label, (a) => (
      <input {...a} {...extra} value={draft[key] as string} onInput={(e) => set({ [key]: e.currentTarget.value })} />
    ));
  const choice = (path: string, label: string, key: keyof Draft, options: readonly string[]) =>
    field(path, label, (a) => (
      <select {...a} value={draft[key] as string} onChange={(e) => set({ [key]: e.currentTarget.value })}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    ));

  async function submit(e: Event) {
    e.preventDefault();
    const body = engagementBody(draft);
    // The API's own schema, in the browser: the same messages before anything is sent.
    const parsed = parseEngagementCreate(body);
    if (!parsed.success) {
      setErrors(groupIssues(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const created = await post<{ engagementId: string }>('/v1/engagements', body);
      navigate(`/board/${encodeURIComponent(created.engagementId)}`);
    } catch (err) {
      if (err instanceof ApiFailure && err.fields.length) setErrors(groupIssues(err.fields));
      else setErrors({ '(form)': [(err as Error).message] });
    } finally {
      setBusy(false);
    }
  }

  // Schedule issues are indexed by position among the selected types.
  const scheduleIndex = (type: string) => selectedTypes.indexOf(type as (typeof PHONE_TYPES)[number]);
  return (
    <section aria-labelledby="engagement-title">
      <h1 id="engagement-title">New engagement</h1>
      {errors['(form)'] && (
        <ul role="alert" class="error" id="form-errors">
          {errors['(form)'].map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <form class="engagement-form" noValidate onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>Details</legend>
          {textField('engagementId', 'Engagement id (optional)', 'engagementId')}
          {textField('name', 'Name', 'name')}
          {textField('description', 'Description', 'description')}
          {choice('channel', 'Channel', 'channel', CHANNELS)}
          {choice('priority', 'Priority', 'priority', PRIORITIES)}
        </fieldset>
        <fieldset>
          <legend>Routing and dial mode</legend>
          {textField('routing.queueId', 'Queue id', 'queueId')}
          {textField('routing.queueDisplayNumber', 'Queue display number', 'queueDisplayNumber', { type: 'tel' })}
          {choice('dialMode', 'Dial mode', 'dialMode', DIAL_MODES)}
        </fieldset>
        <fieldset aria-describedby={errors.schedule ? `${idOf('schedule')}-error` : undefined}>
          <legend>Phone types and quiet hours</legend>
          {PHONE_TYPES.map((type) => {
            const entry = draft.phoneTypes[type] ?? { on: false, quietHours: '' };
            const path = `schedule.${scheduleIndex(type)}.quietHours`;
            const messages = entry.on ? (errors[path] ?? []) : [];
            const put = (patch: Partial<typeof entry>) => set({ phoneTypes: { ...draft.phoneTypes, [type]: { ...entry, ...patch } } });
            return (
              <div class="field" key={type}>
                <input id={`f-type-${type}`} type="checkbox" checked={entry.on} onChange={(e) => put({ on: e.currentTarget.checked })} />
                <label for={`f-type-${type}`}>Call {type} numbers</label>
                <label for={`f-quiet-${type}`}>{type} quiet hours (HH:mm-HH:mm, comma separated)</label>
                <input
                  id={`f-quiet-${type}`}
                  value={entry.quietHours}
                  disabled={!entry.on}
                  aria-invalid={messages.length > 0}
                  aria-describedby={messages.length ? `f-quiet-${type}-error` : undefined}
                  onInput={(e) => put({ quietHours: e.currentTarget.value })}
                />
                {messages.length > 0 && (
                  <span class="field-error" id={`f-quiet-${type}-error`}>
                    {messages.join('; ')}
                  </span>
                )}
              </div>
            );
          })}
          {errors.schedule && (
            <span class="field-error" id={`${idOf('schedule')}-error`}>
              {errors.schedule.join('; ')}
            </span>
          )}
          {choice('timeZoneMode', 'Time zone', 'timeZoneMode', TIME_ZONE_MODES)}
        </fieldset>
        <fieldset>
          <legend>Reattempts, frequency and pacing (empty: the defaults)</legend>
          {textField('reattempts.maxAttempts', 'Maximum attempts', 'maxAttempts', { inputMode: 'numeric' })}
          {textField('reattempts.waitSeconds', 'Seconds between attempts', 'waitSeconds', { inputMode: 'numeric' })}
          {textField('frequencyLimits.perDay', 'Calls per contact per day', 'perDay', { inputMode: 'numeric' })}
          {textField('frequencyLimits.perWeek', 'Calls per contact per week', 'perWeek', { inputMode: 'numeric' })}
          {textField('pacingRules.abandonmentCapPercent', 'Abandonment cap (%)', 'abandonmentCapPercent', { inputMode: 'decimal' })}
        </fieldset>
        {draft.channel === 'sms' && (
          <fieldset>
            <legend>SMS</legend>
            {textField('sms.senderNumber', 'Sender number', 'smsSender', { type: 'tel' })}
            {textField('sms.messageText', 'Message text', 'smsText')}
          </fieldset>
        )}
        <button type="submit" class="primary" disabled={busy}>
          Create engagement
        </button>
      </form>
    </section>
  );
}
