import { useState } from 'preact/hooks';
import { deliveryListQuery } from '../../../api/schemas/deliveryList';
import { DELIVERY_STATUSES, SMS_RESULTS, VOICE_RESULTS } from '../../../domain/delivery/deliveryStatus';
import { get } from '../api';
import { Link } from '../components/Link';
import type { DeliveryRow, Engagement } from '../types';
import { usePoll } from '../usePoll';

/** One page of the newest matches (the API's own page size cap is 500). */
const PAGE = 100;

const RESULTS = [...new Set([...VOICE_RESULTS, ...SMS_RESULTS])];

interface Filters {
  status: string;
  result: string;
  engagementId: string;
  trackingId: string;
  contactId: string;
  /** Days (YYYY-MM-DD, local) the delivery was created in, inclusive. */
  createdFrom: string;
  createdTo: string;
}

const EMPTY: Filters = { status: '', result: '', engagementId: '', trackingId: '', contactId: '', createdFrom: '', createdTo: '' };

/** A local calendar day's first instant (or the next day's, for an inclusive end) as the API's ISO instant. */
const dayStart = (day: string, plusDays = 0) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + plusDays).toISOString();
};

/** The filters as GET /v1/deliveries' query (every filter is applied by the API). */
function queryOf(f: Filters): Record<string, string> {
  const q: Record<string, string> = { limit: String(PAGE) };
  for (const key of ['status', 'result', 'engagementId', 'trackingId', 'contactId'] as const) if (f[key].trim()) q[key] = f[key].trim();
  if (f.createdFrom) q.createdFrom = dayStart(f.createdFrom);
  if (f.createdTo) q.createdTo = dayStart(f.createdTo, 1);
  return q;
}

async function search(f: Filters): Promise<DeliveryRow[]> {
  const { deliveries } = await get<{ deliveries: DeliveryRow[] }>(`/v1/deliveries?${new URLSearchParams(queryOf(f))}`);
  return deliveries;
}

export function Deliveries() {
  const engagements = usePoll(() => get<{ engagements: Engagement[] }>('/v1/engagements').catch(() => ({ engagements: [] })), 60_000, []);
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState(draft);
  const [invalid, setInvalid] = useState<string | null>(null);
  const results = usePoll(() => search(filters), 5000, [filters]);
  const field = (name: keyof Filters) => ({
    id: `filter-${name}`,
    name,
    value: draft[name],
    onInput: (e: Event) => setDraft({ ...draft, [name]: (e.currentTarget as HTMLInputElement).value }),
  });
  return (
    <section aria-labelledby="deliveries-title">
      <h1 id="deliveries-title">Deliveries</h1>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          // The API's list schema, in the browser: a filter it would refuse is named here first.
          const parsed = deliveryListQuery.safeParse(queryOf(draft));
          if (!parsed.success) return setInvalid(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
          setInvalid(null);
          setFilters({ ...draft });
        }}
      >
        <label for="filter-status">Status</label>
        <select {...field('status')} onChange={field('status').onInput}>
          <option value="">Any</option>
          {DELIVERY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <label for="filter-result">Result</label>
        <select {...field('result')} onChange={field('result').onInput}>
          <option value="">Any</option>
          {RESULTS.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <label for="filter-engagementId">Engagement</label>
        <select {...field('engagementId')} onChange={field('engagementId').onInput}>
          <option value="">Any</option>
          {(engagements.data?.engagements ?? []).map((e) => (
            <option key={e.engagementId} value={e.engagementId}>
              {e.name} ({e.engagementId})
            </option>
          ))}
        </select>
        <label for="filter-trackingId">Tracking id</label>
        <input {...field('trackingId')} />
        <label for="filter-contactId">Contact id</label>
        <input {...field('contactId')} />
        <label for="filter-createdFrom">Created from</label>
        <input type="date" {...field('createdFrom')} />
        <label for="filter-createdTo">Created to</label>
        <input type="date" {...field('createdTo')} />
        <button type="submit">Search</button>
      </form>
      {invalid && (
        <p role="alert" class="error" id="filter-error">
          {invalid}
        </p>
      )}
      {results.error && (
        <p role="alert" class="error">
          {results.error.message}
        </p>
      )}
      <table aria-label="Deliveries found">
        <thead>
          <tr>
            <th scope="col">Delivery</th>
            <th scope="col">Status</th>
            <th scope="col">Result</th>
            <th scope="col">Engagement</th>
            <th scope="col">Contact</th>
            <th scope="col">Tracking id</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {(results.data ?? []).map((d) => (
            <tr key={d.deliveryId} data-delivery={d.deliveryId}>
              <td>
                <Link to={`/deliveries/${d.deliveryId}`}>{d.deliveryId.slice(0, 8)}…</Link>
              </td>
              <td>{d.status}</td>
              <td>{d.result ?? ''}</td>
              <td>{d.engagementId}</td>
              <td>{d.contactId ?? ''}</td>
              <td>{d.trackingId ?? ''}</td>
              <td>{new Date(d.createdAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {results.data?.length === 0 && <p>No delivery matches.</p>}
    </section>
  );
}
