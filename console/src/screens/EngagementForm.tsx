import './screens.css';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { engagementConfigSchema, parseEngagementCreate } from '../../../api/schemas/engagement';
import { PHONE_TYPES } from '../../../domain/phoneTypes';
import { ApiFailure, api, get } from '../api';
import { QuietHoursStrip } from '../components/QuietHoursStrip';
import { navigate } from '../router';
import {
  type Draft,
  type Errors,
  type FieldDef,
  PAGES,
  RULES_PATH,
  draftBody,
  draftFromEngagement,
  emptyDraft,
  groupIssues,
  parseQuietHours,
  quietPath,
} from './engagementDraft';

export type EditorMode = { mode: 'new' } | { mode: 'edit'; engagementId: string } | { mode: 'clone'; engagementId: string };

const idOf = (path: string) => `f-${path.replace(/\./g, '-')}`;

/**
 * Create, edit or clone an engagement: every setting the API validates, grouped as the seed's wizard
 * pages, checked in the browser by the API's own schema before anything is sent.
 */
export function EngagementForm(props: { editor?: EditorMode }) {
  const editor = props.editor ?? { mode: 'new' };
  const source = editor.mode === 'new' ? undefined : editor.engagementId;
  const [draft, setDraft] = useState<Draft | null>(source ? null : emptyDraft);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    if (!source) return;
    get<Record<string, unknown>>(`/v1/engagements/${encodeURIComponent(source)}`)
      .then((e) => setDraft(draftFromEngagement(e, editor.mode === 'clone')))
      .catch((err: Error) => setErrors({ '(form)': [err.message] }));
  }, [source, editor.mode]);

  if (!draft) {
    return errors['(form)'] ? <p role="alert">{errors['(form)'].join('; ')}</p> : <p>Loading…</p>;
  }
  const selectedTypes = PHONE_TYPES.filter((t) => draft.phoneTypes[t]?.on);
  const setValue = (path: string, value: string) => setDraft({ ...draft, values: { ...draft.values, [path]: value } });

  /** A labelled control with its messages, tied by aria-describedby (a function, not a component: inputs keep focus). */
  const field = (path: string, label: string, control: (a: Record<string, unknown>) => ComponentChildren, hint?: string) => {
    const messages = errors[path] ?? [];
    const id = idOf(path);
    const described = [hint ? `${id}-hint` : '', messages.length ? `${id}-error` : ''].filter(Boolean).join(' ');
    return (
      <div class="field" key={path}>
        <label for={id}>{label}</label>
        {control({ id, 'aria-invalid': messages.length > 0, 'aria-describedby': described || undefined })}
        {hint && (
          <span class="note" id={`${id}-hint`}>
            {hint}
          </span>
        )}
        {messages.length > 0 && (
          <span class="field-error" id={`${id}-error`}>
            {messages.join('; ')}
          </span>
        )}
      </div>
    );
  };

  const control = (def: FieldDef) => {
    const value = draft.values[def.path] ?? '';
    const onInput = (e: Event) => setValue(def.path, (e.currentTarget as HTMLInputElement).value);
    if (def.kind === 'set') {
      const chosen = draft.sets[def.path];
      return (
        <fieldset key={def.path} class="field" aria-describedby={errors[def.path] ? `${idOf(def.path)}-error` : undefined}>
          <legend>{def.label} (none ticked: the default)</legend>
          {def.options.map((o) => (
            <label key={o} class="check">
              <input
                type="checkbox"
                checked={chosen?.includes(o) ?? false}
                onChange={(e) => {
                  const next = new Set(chosen ?? []);
                  if (e.currentTarget.checked) next.add(o);
                  else next.delete(o);
                  setDraft({ ...draft, sets: { ...draft.sets, [def.path]: [...next] } });
                }}
              />
              {o}
            </label>
          ))}
          {errors[def.path] && (
            <span class="field-error" id={`${idOf(def.path)}-error`}>
              {errors[def.path]!.join('; ')}
            </span>
          )}
        </fieldset>
      );
    }
    if (def.kind === 'enum' || def.kind === 'bool') {
      const options = def.kind === 'bool' ? ['true', 'false'] : def.options;
      const optional = def.kind === 'bool' || def.optional;
      return field(def.path, def.label, (a) => (
        <select {...a} value={value} onChange={onInput}>
          {optional && <option value="">(default)</option>}
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ));
    }
    if (def.path === RULES_PATH)
      return field(def.path, def.label, (a) => <textarea {...a} rows={3} value={value} onInput={onInput} />, def.hint);
    const extra: Record<string, string> =
      def.kind === 'int'
        ? { inputMode: 'numeric' }
        : def.kind === 'number'
          ? { inputMode: 'decimal' }
          : def.kind === 'tel'
            ? { type: 'tel' }
            : {};
    return field(def.path, def.label, (a) => <input {...a} {...extra} value={value} onInput={onInput} />, def.hint);
  };

  async function submit(e: Event) {
    e.preventDefault();
    const body = draftBody(draft!);
    // The API's own schema, in the browser: the same messages before anything is sent.
    const parsed = editor.mode === 'edit' ? engagementConfigSchema.safeParse(body) : parseEngagementCreate(body);
    if (!parsed.success) {
      const found = groupIssues(
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        selectedTypes.length,
      );
      setErrors(found);
      setSaved(null);
      // The first field with a message gets the focus (its page may be far down).
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      if (editor.mode === 'edit') {
        await api('PUT', `/v1/engagements/${encodeURIComponent(editor.engagementId)}`, body);
        setSaved(`Saved ${editor.engagementId}.`);
      } else {
        const created = await api<{ engagementId: string }>('POST', '/v1/engagements', body);
        navigate(`/board/${encodeURIComponent(created.engagementId)}`);
      }
    } catch (err) {
      if (err instanceof ApiFailure && err.fields.length) setErrors(groupIssues(err.fields, selectedTypes.length));
      else setErrors({ '(form)': [(err as Error).message] });
    } finally {
      setBusy(false);
    }
  }

  const title =
    editor.mode === 'edit' ? `Edit ${editor.engagementId}` : editor.mode === 'clone' ? `Clone ${editor.engagementId}` : 'New engagement';
  const pageErrors = (fields: FieldDef[], schedule: boolean) =>
    Object.keys(errors).filter((k) => fields.some((f) => f.path === k) || (schedule && k.startsWith('schedule'))).length;
  return (
    <section aria-labelledby="engagement-title">
      <h1 id="engagement-title">{title}</h1>
      <nav aria-label="Wizard pages" class="wizard-nav">
        <ol>
          {PAGES.map((p) => (
            <li key={p.id}>
              <a href={`#page-${p.id}`}>{p.title}</a>
              {pageErrors(p.fields, p.id === 'schedule') > 0 && (
                <span class="field-error"> ({pageErrors(p.fields, p.id === 'schedule')} to fix)</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      {errors['(form)'] && (
        <ul role="alert" class="error" id="form-errors">
          {errors['(form)'].map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {saved && (
        <p role="status" id="saved">
          {saved}
        </p>
      )}
      <form class="engagement-form" noValidate onSubmit={(e) => void submit(e)}>
        {PAGES.map((p) => (
          <fieldset key={p.id} id={`page-${p.id}`}>
            <legend>{p.title}</legend>
            {p.fields.filter((d) => !(editor.mode === 'edit' && d.path === 'engagementId')).map(control)}
            {p.id === 'schedule' && scheduleFields()}
          </fieldset>
        ))}
        <button type="submit" class="primary" disabled={busy}>
          {editor.mode === 'edit' ? 'Save engagement' : 'Create engagement'}
        </button>
      </form>
    </section>
  );

  function scheduleFields() {
    const d = draft!;
    return (
      <>
        {PHONE_TYPES.map((type) => {
          const entry = d.phoneTypes[type] ?? { on: false, quietHours: '' };
          const path = quietPath(selectedTypes.indexOf(type));
          const messages = entry.on ? (errors[path] ?? []) : [];
          const put = (patch: Partial<typeof entry>) => setDraft({ ...d, phoneTypes: { ...d.phoneTypes, [type]: { ...entry, ...patch } } });
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
              {entry.on && <QuietHoursStrip type={type} intervals={parseQuietHours(entry.quietHours)} />}
            </div>
          );
        })}
        {errors.schedule && (
          <span class="field-error" id={`${idOf('schedule')}-error`}>
            {errors.schedule.join('; ')}
          </span>
        )}
      </>
    );
  }
}
