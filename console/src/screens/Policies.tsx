import './screens.css';
import { useState } from 'preact/hooks';
import { cancellationPolicyBody } from '../../../api/schemas/cancellationPolicy';
import type { Role } from '../roles';
import { get, post } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { can } from '../roles';
import type { Engagement } from '../types';
import { usePoll } from '../usePoll';
import type { PolicyView } from './screenTypes';

const FIELDS = ['engagementId', 'country', 'state', 'postalCode', 'until', 'comment'] as const;
type Field = (typeof FIELDS)[number];
type Draft = Record<Field, string>;
const EMPTY: Draft = { engagementId: '', country: '', state: '', postalCode: '', until: '', comment: '' };

/** The POST body: empty fields left out; `until` (local time in the form) as the API's UTC instant. */
function bodyOf(d: Draft): Record<string, string> {
  const body: Record<string, string> = {};
  for (const f of FIELDS) if (d[f].trim()) body[f] = d[f].trim();
  if (body.until) {
    const at = new Date(body.until);
    body.until = Number.isNaN(at.getTime()) ? body.until : at.toISOString();
  }
  return body;
}

const filterText = (p: PolicyView) =>
  [
    p.engagementId && `engagement ${p.engagementId}`,
    p.country && `country ${p.country}`,
    p.state && `state ${p.state}`,
    p.postalCode && `postal code ${p.postalCode}`,
  ]
    .filter(Boolean)
    .join(' AND ');

/** Cancellation policies: the list, a new one after seeing what it would cancel now, and the end of one. */
export function Policies({ roles }: { roles: Role[] }) {
  const manage = can(roles, 'managePolicies');
  const list = usePoll(() => get<{ policies: PolicyView[] }>('/v1/cancellation-policies'), 5000, []);
  const engagements = usePoll(() => get<{ engagements: Engagement[] }>('/v1/engagements'), 60_000, []);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field | '(form)', string>>>({});
  const [pending, setPending] = useState<{ body: Record<string, string>; wouldCancel: number } | null>(null);
  const [ending, setEnding] = useState<PolicyView | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);

  async function check(e: Event) {
    e.preventDefault();
    const body = bodyOf(draft);
    // The API's own schema, in the browser, then its dry run: the count the create would act on.
    const parsed = cancellationPolicyBody.safeParse(body);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? '(form)'), i.message])));
      return;
    }
    setErrors({});
    try {
      const { wouldCancel } = await post<{ wouldCancel: number }>('/v1/cancellation-policies/dry-run', body);
      setPending({ body, wouldCancel });
    } catch (err) {
      setErrors({ '(form)': (err as Error).message });
    }
  }
  async function create() {
    const body = pending!.body;
    setPending(null);
    try {
      const created = await post<PolicyView & { cancelledDeliveries: number }>('/v1/cancellation-policies', body);
      setOutcome(`Policy created: ${created.cancelledDeliveries} queued deliveries cancelled.`);
      setDraft(EMPTY);
    } catch (err) {
      setOutcome(`Not created: ${(err as Error).message}`);
    }
    list.refresh();
  }
  async function end(policy: PolicyView) {
    setEnding(null);
    try {
      await post(`/v1/cancellation-policies/${policy.policyId}/end`, {});
      setOutcome(`Policy ended: ${policy.comment}`);
    } catch (err) {
      setOutcome(`Not ended: ${(err as Error).message}`);
    }
    list.refresh();
  }

  const input = (name: Field, label: string, extra: Record<string, unknown> = {}) => (
    <div class="field">
      <label for={`policy-${name}`}>{label}</label>
      <input
        id={`policy-${name}`}
        {...extra}
        value={draft[name]}
        aria-invalid={!!errors[name]}
        aria-describedby={errors[name] ? `policy-${name}-error` : undefined}
        onInput={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })}
      />
      {errors[name] && (
        <span class="field-error" id={`policy-${name}-error`}>
          {errors[name]}
        </span>
      )}
    </div>
  );
  return (
    <section aria-labelledby="policies-title">
      <h1 id="policies-title">Cancellation policies</h1>
      {outcome && (
        <p role="status" id="policy-outcome">
          {outcome}
        </p>
      )}
      {manage && (
        <form class="policy-form" noValidate onSubmit={(e) => void check(e)} aria-labelledby="policy-new-title">
          <h2 id="policy-new-title">New policy (every field set must match: AND)</h2>
          <div class="field">
            <label for="policy-engagementId">Engagement</label>
            <select
              id="policy-engagementId"
              value={draft.engagementId}
              aria-invalid={!!errors.engagementId}
              aria-describedby={errors.engagementId ? 'policy-engagementId-error' : undefined}
              onChange={(e) => setDraft({ ...draft, engagementId: e.currentTarget.value })}
            >
              <option value="">Any</option>
              {(engagements.data?.engagements ?? []).map((en) => (
                <option key={en.engagementId} value={en.engagementId}>
                  {en.name} ({en.engagementId})
                </option>
              ))}
            </select>
            {errors.engagementId && (
              <span class="field-error" id="policy-engagementId-error">
                {errors.engagementId}
              </span>
            )}
          </div>
          {input('country', 'Country')}
          {input('state', 'State or region')}
          {input('postalCode', 'Postal code')}
          {input('until', 'Until (your local time; empty: until ended)', { type: 'datetime-local', step: 1 })}
          {input('comment', 'Comment (why)')}
          {errors['(form)'] && (
            <p role="alert" class="error">
              {errors['(form)']}
            </p>
          )}
          <button type="submit" class="primary">
            Check and create…
          </button>
        </form>
      )}
      <h2>Policies</h2>
      <table aria-label="Policies">
        <thead>
          <tr>
            <th scope="col">Filter</th>
            <th scope="col">Comment</th>
            <th scope="col">Until</th>
            <th scope="col">Cancelled</th>
            <th scope="col">State</th>
            {manage && <th scope="col">Action</th>}
          </tr>
        </thead>
        <tbody>
          {(list.data?.policies ?? []).map((p) => (
            <tr key={p.policyId} data-policy={p.policyId}>
              <td>{filterText(p)}</td>
              <td>{p.comment}</td>
              <td>{p.until ? new Date(p.until).toLocaleString() : '—'}</td>
              <td data-cell="cancelled">{p.cancelledCount ?? ''}</td>
              <td data-cell="state">{p.active ? 'active' : p.endedAt ? `ended ${new Date(p.endedAt).toLocaleString()}` : 'expired'}</td>
              {manage && (
                <td>
                  {p.active && (
                    <button type="button" onClick={() => setEnding(p)} aria-label={`End the policy "${p.comment}"`}>
                      End
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {pending && (
        <ConfirmDialog
          title="Create this policy?"
          confirmLabel="Create policy"
          withReason={false}
          onCancel={() => setPending(null)}
          onConfirm={() => void create()}
        >
          <p id="would-cancel">
            It would cancel <strong data-would-cancel>{pending.wouldCancel}</strong> queued deliveries now, and suppress matching arrivals
            until it ends.
          </p>
        </ConfirmDialog>
      )}
      {ending && (
        <ConfirmDialog
          title="End this policy?"
          confirmLabel="End policy"
          withReason={false}
          onCancel={() => setEnding(null)}
          onConfirm={() => void end(ending)}
        >
          Deliveries arriving after now are no longer suppressed by "{ending.comment}".
        </ConfirmDialog>
      )}
    </section>
  );
}
