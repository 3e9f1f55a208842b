import { useState } from 'preact/hooks';
import type { Role } from '../roles';
import { get, post } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Link } from '../components/Link';
import { can } from '../roles';
import type { DeliveryView, Explanation } from '../types';
import { usePoll } from '../usePoll';

/** A delivery's attributes: what it arrived with (input) and what its calls recorded (result, e.g. disposition codes). */
interface Attribute {
  keyword: string;
  value: string;
  type: string;
}

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—');

/** `datetime-local` reads local time; the API wants an ISO instant. */
const localNow = () => {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

function Explain({ deliveryId }: { deliveryId: string }) {
  const [at, setAt] = useState(localNow);
  const [result, setResult] = useState<Explanation | string | null>(null);
  async function run(e: Event) {
    e.preventDefault();
    const instant = new Date(at);
    if (Number.isNaN(instant.getTime())) return setResult('Enter a date and time.');
    try {
      setResult(await get<Explanation>(`/v1/deliveries/${deliveryId}/explain?at=${encodeURIComponent(instant.toISOString())}`));
    } catch (err) {
      setResult((err as Error).message);
    }
  }
  return (
    <section aria-labelledby="explain-title">
      <h2 id="explain-title">Explain at…</h2>
      <form onSubmit={(e) => void run(e)} class="inline">
        <label for="explain-at">Instant (your local time)</label>
        <input id="explain-at" type="datetime-local" value={at} onInput={(e) => setAt(e.currentTarget.value)} required />
        <button type="submit">Explain</button>
      </form>
      {typeof result === 'string' && (
        <p role="alert" class="error">
          {result}
        </p>
      )}
      {result && typeof result === 'object' && (
        <div id="explanation" role="status">
          <p>
            At {when(result.at)}: <strong>{result.callable ? 'callable' : 'not callable'}</strong> (rules: {result.rulesSource})
          </p>
          <ul>
            {result.numbers.map((n) => (
              <li key={n.numberId}>
                {n.phoneType} {n.number ?? ''}: {n.callable ? 'callable' : n.reasons.map((r) => r.detail?.text ?? r.code).join('; ')}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

export function DeliveryPage({ deliveryId, roles }: { deliveryId: string; roles: Role[] }) {
  const view = usePoll(() => get<DeliveryView & { attributes: Attribute[] }>(`/v1/deliveries/${encodeURIComponent(deliveryId)}`), 3000, [
    deliveryId,
  ]);
  const [confirm, setConfirm] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  async function cancel(reason: string) {
    setConfirm(false);
    try {
      await post(`/v1/deliveries/${deliveryId}/cancel`, reason ? { reason } : {});
      setOutcome('Cancellation requested.');
    } catch (err) {
      setOutcome(`Not cancelled: ${(err as Error).message}`);
    }
    view.refresh();
  }
  const d = view.data;
  return (
    <section aria-labelledby="delivery-title">
      <h1 id="delivery-title">Delivery {deliveryId}</h1>
      {view.error && (
        <p role="alert" class="error">
          {view.error.message}
        </p>
      )}
      {outcome && <p role="status">{outcome}</p>}
      {d && (
        <>
          <dl class="facts">
            <dt>Status</dt>
            <dd id="delivery-status">{d.status}</dd>
            <dt>Result</dt>
            <dd>{d.result ?? '—'}</dd>
            <dt>Engagement</dt>
            <dd>{d.engagementId}</dd>
            <dt>Contact</dt>
            <dd>{d.contactId ?? '—'}</dd>
            <dt>Tracking id</dt>
            <dd>{d.trackingId ?? '—'}</dd>
            <dt>Window</dt>
            <dd>
              {when(d.windowStartDate)} – {when(d.windowEndDate)}
            </dd>
            <dt>Next attempt</dt>
            <dd>{when(d.nextAttemptAt)}</dd>
          </dl>
          <section aria-labelledby="waiting-title" class="waiting">
            <h2 id="waiting-title">Waiting for</h2>
            {d.waitingFor ? (
              <p id="waiting-for">
                <strong>{d.waitingFor.reason}</strong>
                {d.waitingFor.until ? ` until ${when(d.waitingFor.until)}` : ''}: {d.waitingFor.detail.text ?? ''}
              </p>
            ) : (
              <p id="waiting-for">Nothing (the delivery is {d.status}).</p>
            )}
          </section>
          <div class="toolbar">
            {can(roles, 'cancelDelivery') && (
              <button type="button" id="cancel-delivery" onClick={() => setConfirm(true)}>
                Cancel delivery
              </button>
            )}
            {d.temporalUiUrl && (
              <a href={d.temporalUiUrl} target="_blank" rel="noreferrer">
                Open in the Temporal UI
              </a>
            )}
          </div>
          <h2 id="attributes-title">Attributes</h2>
          {d.attributes.length === 0 ? (
            <p>No attribute.</p>
          ) : (
            <table aria-labelledby="attributes-title" id="attributes">
              <thead>
                <tr>
                  <th scope="col">Keyword</th>
                  <th scope="col">Value</th>
                  <th scope="col">Type</th>
                </tr>
              </thead>
              <tbody>
                {d.attributes.map((a, i) => (
                  <tr key={i} data-keyword={a.keyword}>
                    <td>{a.keyword}</td>
                    <td>{a.value}</td>
                    <td>{a.type}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>Chain</h2>
          <p class="note">The contacts are called in this order; a voice delivery's SMS follow-up is linked below.</p>
          <ol aria-label="Contacts in order">
            {d.contacts.map((c) => (
              <li key={c.contactId}>
                {c.contactId} ({c.timeZone ?? 'engagement zone'}): {c.phones.map((p) => `${p.type} ${p.number}`).join(', ')}
              </li>
            ))}
          </ol>
          {d.parentDeliveryId && (
            <p>
              Follows <Link to={`/deliveries/${d.parentDeliveryId}`}>{d.parentDeliveryId}</Link>
            </p>
          )}
          {d.followUpDeliveryId && (
            <p>
              Followed by <Link to={`/deliveries/${d.followUpDeliveryId}`}>{d.followUpDeliveryId}</Link>
            </p>
          )}
          <h2>Timeline</h2>
          <table aria-label="Timeline">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">At</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {d.timeline.map((t) => (
                <tr key={t.seq}>
                  <td>{t.seq}</td>
                  <td>{when(t.at)}</td>
                  <td>{t.kind}</td>
                  <td>{t.status}</td>
                  <td>
                    {t.detail ?? ''}
                    {t.until ? ` (until ${when(t.until)})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Calls</h2>
          {d.calls.length === 0 ? (
            <p>No call yet.</p>
          ) : (
            <table aria-label="Calls">
              <thead>
                <tr>
                  <th scope="col">Attempt</th>
                  <th scope="col">Phone</th>
                  <th scope="col">State</th>
                  <th scope="col">Requested</th>
                  <th scope="col">Ended</th>
                  <th scope="col">Reattempt reason</th>
                </tr>
              </thead>
              <tbody>
                {d.calls.map((c) => (
                  <tr key={c.callId}>
                    <td>{c.attemptNumber}</td>
                    <td>
                      {c.phoneType} {c.toAddress}
                    </td>
                    <td>
                      {c.callState ?? '—'}
                      {c.answeringMachine ? ' (machine)' : ''}
                      {c.abandoned ? ' (abandoned)' : ''}
                    </td>
                    <td>{when(c.requestedAt)}</td>
                    <td>{when(c.endedAt)}</td>
                    <td>{c.reattemptReason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Explain deliveryId={deliveryId} />
        </>
      )}
      {confirm && (
        <ConfirmDialog
          title="Cancel this delivery?"
          confirmLabel="Cancel delivery"
          onConfirm={(r) => void cancel(r)}
          onCancel={() => setConfirm(false)}
        >
          A queued delivery is cancelled at once; a call in progress finishes first.
        </ConfirmDialog>
      )}
    </section>
  );
}
