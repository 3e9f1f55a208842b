import { useState } from 'preact/hooks';
import { deliveryRequestSchema } from '../../../api/schemas/deliveryRequest';
import { PHONE_TYPES } from '../../../domain/phoneTypes';
import { ApiFailure, get, post } from '../api';
import { navigate } from '../router';
import type { Engagement } from '../types';
import { usePoll } from '../usePoll';

/** The engagement `npm start` creates: preselected when it exists, so a first delivery is one number away. */
const DEMO_ENGAGEMENT = 'demo';

interface Draft {
  engagementId: string;
  contactId: string;
  phoneType: string;
  number: string;
  /** `datetime-local` values (the browser's zone); both empty = the API's default window. */
  windowStart: string;
  windowEnd: string;
  trackingId: string;
}

/** Where each request path's message is shown (the API's schema names fields by their request path). */
const FIELD_OF: Record<string, keyof Draft> = {
  engagementId: 'engagementId',
  'contacts.0.contactId': 'contactId',
  'contacts.0.phones.0.number': 'number',
  'contacts.0.phones.0.type': 'phoneType',
  'windows.0.start': 'windowStart',
  'windows.0.end': 'windowEnd',
  trackingId: 'trackingId',
};

const LABELS: Record<keyof Draft, string> = {
  engagementId: 'Engagement',
  contactId: 'Contact id',
  phoneType: 'Phone type',
  number: 'Phone number',
  windowStart: 'Window start',
  windowEnd: 'Window end',
  trackingId: 'Tracking id',
};

/** A `datetime-local` value as an ISO instant; the raw text when the browser could not read it (the schema names it). */
const instant = (local: string) => {
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
};

function requestOf(d: Draft): Record<string, unknown> {
  const body: Record<string, unknown> = {
    engagementId: d.engagementId.trim(),
    contacts: [{ contactId: d.contactId.trim(), phones: [{ type: d.phoneType, number: d.number.trim() }] }],
  };
  if (d.windowStart || d.windowEnd) body.windows = [{ start: instant(d.windowStart), end: instant(d.windowEnd) }];
  if (d.trackingId.trim()) body.trackingId = d.trackingId.trim();
  return body;
}

function errorsOf(issues: Array<{ path: string; message: string }>): Partial<Record<keyof Draft | 'form', string[]>> {
  const found: Partial<Record<keyof Draft | 'form', string[]>> = {};
  for (const i of issues) {
    const field = FIELD_OF[i.path] ?? (i.path.startsWith('windows') ? 'windowStart' : 'form');
    (found[field] ??= []).push(field === 'form' && i.path ? `${i.path}: ${i.message}` : i.message);
  }
  return found;
}

/**
 * One delivery to one number, checked in the browser by the API's own request schema, then sent to
 * POST /v1/deliveries; the new delivery's page opens. The way to try the engine without curl or a file.
 */
export function NewDelivery() {
  const engagements = usePoll(() => get<{ engagements: Engagement[] }>('/v1/engagements').catch(() => ({ engagements: [] })), 60_000, []);
  const list = engagements.data?.engagements ?? [];
  const [draft, setDraft] = useState<Draft>({
    engagementId: '',
    contactId: '',
    phoneType: 'mobile',
    number: '',
    windowStart: '',
    windowEnd: '',
    trackingId: '',
  });
  const [errors, setErrors] = useState<ReturnType<typeof errorsOf>>({});
  const [busy, setBusy] = useState(false);
  const engagementId =
    draft.engagementId || (list.some((e) => e.engagementId === DEMO_ENGAGEMENT) ? DEMO_ENGAGEMENT : (list[0]?.engagementId ?? ''));

  const field = (name: keyof Draft, control: (a: Record<string, unknown>) => preact.JSX.Element, hint?: string) => {
    const id = `new-delivery-${name}`;
    const messages = errors[name] ?? [];
    const describedBy = [hint ? `${id}-hint` : '', messages.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div class="field">
        <label for={id}>{LABELS[name]}</label>
        {control({ id, name, 'aria-invalid': messages.length ? 'true' : undefined, 'aria-describedby': describedBy })}
        {hint && (
          <small id={`${id}-hint`} class="hint">
            {hint}
          </small>
        )}
        {messages.length > 0 && (
          <span id={`${id}-error`} class="field-error">
            {messages.join('; ')}
          </span>
        )}
      </div>
    );
  };
  const text =
    (name: keyof Draft, extra: Record<string, string> = {}) =>
    (a: Record<string, unknown>) => (
      <input
        {...a}
        {...extra}
        value={draft[name]}
        onInput={(e) => setDraft({ ...draft, [name]: (e.currentTarget as HTMLInputElement).value })}
      />
    );

  async function submit(e: Event) {
    e.preventDefault();
    const body = requestOf({ ...draft, engagementId });
    // The API's own schema, in the browser: the same messages before anything is sent.
    const parsed = deliveryRequestSchema.safeParse(body);
    if (!parsed.success) {
      setErrors(errorsOf(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))));
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const created = await post<{ deliveryId: string }>('/v1/deliveries', parsed.data);
      navigate(`/deliveries/${encodeURIComponent(created.deliveryId)}`);
    } catch (err) {
      if (err instanceof ApiFailure && err.fields.length) setErrors(errorsOf(err.fields));
      else setErrors({ form: [(err as Error).message] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="new-delivery-title">
      <h1 id="new-delivery-title">New delivery</h1>
      <p>
        One customer, one number. Without a window the delivery may be made during the next 24 hours, inside the engagement's schedule and
        the number's quiet hours.
      </p>
      {errors.form && (
        <ul role="alert" class="error" id="new-delivery-errors">
          {errors.form.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <form class="new-delivery" noValidate onSubmit={(e) => void submit(e)}>
        {field('engagementId', (a) => (
          <select
            {...a}
            value={engagementId}
            onChange={(e) => setDraft({ ...draft, engagementId: (e.currentTarget as HTMLSelectElement).value })}
          >
            {list.map((g) => (
              <option key={g.engagementId} value={g.engagementId}>
                {g.name && g.name !== g.engagementId ? `${g.engagementId} (${g.name})` : g.engagementId}
              </option>
            ))}
          </select>
        ))}
        {field('contactId', text('contactId'), "Your system's id for the customer")}
        {field('phoneType', (a) => (
          <select
            {...a}
            value={draft.phoneType}
            onChange={(e) => setDraft({ ...draft, phoneType: (e.currentTarget as HTMLSelectElement).value })}
          >
            {PHONE_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        ))}
        {field('number', text('number', { type: 'tel' }), 'International form, e.g. +15550100001')}
        {field('windowStart', text('windowStart', { type: 'datetime-local' }), 'Optional, in this browser’s time zone')}
        {field('windowEnd', text('windowEnd', { type: 'datetime-local' }))}
        {field('trackingId', text('trackingId'), 'Optional')}
        <button type="submit" disabled={busy}>
          {busy ? 'Sending…' : 'Create delivery'}
        </button>
      </form>
    </section>
  );
}
