import './screens.css';
import { useEffect, useState } from 'preact/hooks';
import { previewDeclineBody } from '../../../api/schemas/campaignControl';
import { dispositionBody } from '../../../api/schemas/deliveryActions';
import type { Role } from '../roles';
import { get, post } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { can } from '../roles';
import type { DeliveryView } from '../types';
import { usePoll } from '../usePoll';
import type { PreviewOffer } from './screenTypes';

/** The representative a supervisor's tab acts for (an agent's comes from its key, GET /v1/me). */
const REP_KEY = 'engine-console-representative';

/** Supervisors and admins act for a representative they name; an agent's key is its representative. */
const actsForAny = (roles: Role[]) => roles.includes('admin') || roles.includes('supervisor');

/** The body of a preview action: an agent's key says who it is; a supervisor names the representative. */
const actionBody = (roles: Role[], rep: string): Record<string, string> => (actsForAny(roles) ? { representativeId: rep } : {});

/**
 * Declines an offer (or cancels an accepted one before dialling) after a confirmation with an optional
 * reason, checked by the API's own schema. The delivery is offered again later (the reattempt rules).
 */
function DeclineDialog({
  deliveryId,
  contact,
  accepted,
  body,
  onDone,
}: {
  deliveryId: string;
  contact: string;
  accepted: boolean;
  body: Record<string, string>;
  onDone: (message: string) => void;
}) {
  return (
    <ConfirmDialog
      title={accepted ? `Cancel the accepted call to ${contact}?` : `Decline the offer for ${contact}?`}
      confirmLabel={accepted ? 'Cancel the call' : 'Decline the offer'}
      onCancel={() => onDone('')}
      onConfirm={(reason) => {
        const parsed = previewDeclineBody.safeParse({ ...body, ...(reason ? { reason } : {}) });
        if (!parsed.success) return onDone(`Not declined: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
        void post(`/v1/deliveries/${deliveryId}/preview/decline`, parsed.data)
          .then(() => onDone('Declined: the contact is not called now and is offered again later.'))
          .catch((err: Error) => onDone(`Not declined: ${err.message}`));
      }}
    >
      The customer is not called. The delivery goes back to the pool and is offered again later, to you or another representative.
    </ConfirmDialog>
  );
}

interface Accepted {
  deliveryId: string;
  /** When the call starts by itself (the engagement's countdown); null: only when started. */
  startsAt: string | null;
}

function Countdown({ startsAt }: { startsAt: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, []);
  const left = Math.max(0, Math.ceil((new Date(startsAt).getTime() - now) / 1000));
  return (
    <p id="countdown" role="timer" aria-live="off">
      {left > 0 ? `The call starts in ${left} s.` : 'The call is starting.'}
    </p>
  );
}

/** After the call: the codes the representative records (validated by the API's own schema). */
function Disposition({ deliveryId }: { deliveryId: string }) {
  const [codes, setCodes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  async function submit(e: Event) {
    e.preventDefault();
    const body = {
      codes: codes
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    };
    const parsed = dispositionBody.safeParse(body);
    if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join('; '));
    setError(null);
    try {
      const res = await post<{ dispositionCodes: string }>(`/v1/deliveries/${deliveryId}/dispositions`, parsed.data);
      setDone(`Recorded ${res.dispositionCodes}.`);
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} class="inline" aria-label="Disposition codes">
      <label for="disposition-codes">Disposition codes (comma separated)</label>
      <input
        id="disposition-codes"
        value={codes}
        aria-invalid={!!error}
        aria-describedby={error ? 'disposition-error' : undefined}
        onInput={(e) => setCodes(e.currentTarget.value)}
      />
      <button type="submit">Post codes</button>
      {error && (
        <span class="field-error" id="disposition-error" role="alert">
          {error}
        </span>
      )}
      {done && (
        <p role="status" id="disposition-done">
          {done}
        </p>
      )}
    </form>
  );
}

type CallsView = Omit<DeliveryView, 'calls'> & { calls: Array<DeliveryView['calls'][number] & { uniqueId: string | null }> };

/** The call in hand: countdown, start now, cancel (a supervisor's right), then the codes. */
function CurrentCall({
  accepted,
  body,
  roles,
  onDone,
}: {
  accepted: Accepted;
  body: Record<string, string>;
  roles: Role[];
  onDone: (message?: string) => void;
}) {
  const view = usePoll(() => get<CallsView>(`/v1/deliveries/${accepted.deliveryId}`), 1500, [accepted.deliveryId]);
  const [message, setMessage] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [declining, setDeclining] = useState(false);
  const d = view.data;
  // Codes are for a call the dialer placed (it has the dialer's id); before that the API answers 409.
  const called = d?.calls.some((c) => c.uniqueId) ?? false;
  return (
    <section aria-labelledby="current-title" class="current-call">
      <h2 id="current-title">Accepted: {accepted.deliveryId}</h2>
      {d && (
        <p>
          Contact {d.contactId ?? '—'}, {d.toAddress ?? ''}: <span id="current-status">{d.status}</span>
          {called && `, call ${d.calls.at(-1)!.callState ?? 'requested'}`}
        </p>
      )}
      {!called && accepted.startsAt && <Countdown startsAt={accepted.startsAt} />}
      {!called && (
        <div class="toolbar">
          <button
            type="button"
            class="primary"
            onClick={() =>
              void post(`/v1/deliveries/${accepted.deliveryId}/preview/start`, body)
                .then(() => setMessage('Call started.'))
                .catch((err: Error) => setMessage(`Not started: ${err.message}`))
            }
          >
            Start the call now
          </button>
          <button type="button" onClick={() => setDeclining(true)}>
            Decline (do not call)
          </button>
          {can(roles, 'cancelDelivery') && (
            <button type="button" onClick={() => setConfirm(true)}>
              Cancel the delivery
            </button>
          )}
        </div>
      )}
      {message && <p role="status">{message}</p>}
      {called && <Disposition deliveryId={accepted.deliveryId} />}
      <button type="button" onClick={() => onDone()}>
        Back to the offers
      </button>
      {declining && (
        <DeclineDialog
          deliveryId={accepted.deliveryId}
          contact={d?.contactId ?? accepted.deliveryId}
          accepted
          body={body}
          onDone={(message) => {
            setDeclining(false);
            if (message.startsWith('Declined')) onDone(message);
            else if (message) setMessage(message);
          }}
        />
      )}
      {confirm && (
        <ConfirmDialog
          title="Cancel this delivery?"
          confirmLabel="Cancel delivery"
          onCancel={() => setConfirm(false)}
          onConfirm={(reason) => {
            setConfirm(false);
            void post(`/v1/deliveries/${accepted.deliveryId}/cancel`, reason ? { reason } : {})
              .then(() => setMessage('Cancellation requested.'))
              .catch((err: Error) => setMessage(`Not cancelled: ${err.message}`));
          }}
        >
          The offer is withdrawn and the contact is not called.
        </ConfirmDialog>
      )}
    </section>
  );
}

/** Preview dialling for a representative: the offers, accept one, then start it, let the countdown run, or decline. */
export function PreviewDesk({ roles }: { roles: Role[] }) {
  const supervisor = actsForAny(roles);
  // The key's representative (GET /v1/me); undefined while loading, null when the key is bound to none.
  const [bound, setBound] = useState<string | null | undefined>(undefined);
  const [typed, setTyped] = useState(() => sessionStorage.getItem(REP_KEY) ?? '');
  const [accepted, setAccepted] = useState<Accepted | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [declining, setDeclining] = useState<PreviewOffer | null>(null);
  const offers = usePoll(() => get<{ previews: PreviewOffer[] }>('/v1/previews'), 2000, []);
  useEffect(() => {
    get<{ representativeId: string | null }>('/v1/me')
      .then((me) => setBound(me.representativeId))
      .catch(() => setBound(null));
  }, []);
  const rep = supervisor ? typed.trim() || (bound ?? '') : (bound ?? '');
  const body = actionBody(roles, rep);
  function ready(): boolean {
    if (rep) return true;
    setRefusal(supervisor ? 'Enter the representative id you act for first.' : 'This key is bound to no representative.');
    return false;
  }
  async function accept(deliveryId: string) {
    if (!ready()) return;
    try {
      const res = await post<{ startsAt: string | null }>(`/v1/deliveries/${deliveryId}/preview/accept`, body);
      setRefusal(null);
      setNotice(null);
      setAccepted({ deliveryId, startsAt: res.startsAt });
    } catch (err) {
      setRefusal(`Not accepted: ${(err as Error).message}`);
    }
  }
  return (
    <section aria-labelledby="desk-title">
      <h1 id="desk-title">Preview desk</h1>
      {supervisor ? (
        <div class="field">
          <label for="representative-id">Act for representative</label>
          <input
            id="representative-id"
            value={typed}
            placeholder={bound ?? ''}
            aria-describedby="representative-help"
            onInput={(e) => {
              setTyped(e.currentTarget.value);
              sessionStorage.setItem(REP_KEY, e.currentTarget.value);
            }}
          />
          <span id="representative-help">
            {bound ? `Empty: your key's representative, ${bound}.` : 'Supervisors act for the representative they name.'}
          </span>
        </div>
      ) : (
        <p id="working-as" role="status">
          {bound === undefined
            ? 'Loading your representative…'
            : bound
              ? `Working as representative ${bound}.`
              : 'This key is bound to no representative: ask an admin for a key bound to yours.'}
        </p>
      )}
      {refusal && (
        <p role="alert" class="error">
          {refusal}
        </p>
      )}
      {notice && (
        <p role="status" id="desk-notice">
          {notice}
        </p>
      )}
      {accepted ? (
        <CurrentCall
          accepted={accepted}
          body={body}
          roles={roles}
          onDone={(message) => {
            setAccepted(null);
            setNotice(message ?? null);
          }}
        />
      ) : (
        <>
          {offers.error && (
            <p role="alert" class="error">
              {offers.error.message}
            </p>
          )}
          <table aria-label="Offers">
            <thead>
              <tr>
                <th scope="col">Engagement</th>
                <th scope="col">Contact</th>
                <th scope="col">Number</th>
                <th scope="col">Attributes</th>
                <th scope="col">Offered</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {(offers.data?.previews ?? []).map((o) => (
                <tr key={o.deliveryId} data-offer={o.deliveryId}>
                  <td>{o.engagementId}</td>
                  <td>{o.contactId ?? ''}</td>
                  <td>{o.toAddress ?? ''}</td>
                  <td>
                    {Object.entries(o.attributes)
                      .map(([k, v]) => `${k}: ${v}`)
                      .join(', ')}
                  </td>
                  <td>{o.offeredAt ? new Date(o.offeredAt).toLocaleTimeString() : ''}</td>
                  <td>
                    {o.acceptedBy ? (
                      `accepted by ${o.acceptedBy}`
                    ) : (
                      <>
                        <button
                          type="button"
                          onClick={() => void accept(o.deliveryId)}
                          aria-label={`Accept the offer for ${o.contactId ?? o.deliveryId}`}
                        >
                          Accept
                        </button>{' '}
                        <button
                          type="button"
                          onClick={() => ready() && setDeclining(o)}
                          aria-label={`Decline the offer for ${o.contactId ?? o.deliveryId}`}
                        >
                          Decline
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {offers.data?.previews.length === 0 && <p>No offer now.</p>}
        </>
      )}
      {declining && (
        <DeclineDialog
          deliveryId={declining.deliveryId}
          contact={declining.contactId ?? declining.deliveryId}
          accepted={false}
          body={body}
          onDone={(message) => {
            setDeclining(null);
            if (message.startsWith('Declined')) {
              setRefusal(null);
              setNotice(message);
            } else if (message) setRefusal(message);
          }}
        />
      )}
    </section>
  );
}
