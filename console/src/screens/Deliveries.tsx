import { useState } from 'preact/hooks';
import { DELIVERY_STATUSES } from '../../../domain/delivery/deliveryStatus';
import { get } from '../api';
import { Link } from '../components/Link';
import type { DeliveryRow, Engagement } from '../types';
import { usePoll } from '../usePoll';

/** The API's page size cap (api/schemas/deliveryList.ts): tracking and contact ids are matched within it. */
const PAGE = 500;

interface Filters {
  status: string;
  engagementId: string;
  trackingId: string;
  contactId: string;
}

/**
 * Status and engagement filter on the server; GET /v1/deliveries has no tracking or contact id filter
 * yet, so those narrow the newest page here.
 */
async function search(f: Filters): Promise<DeliveryRow[]> {
  const q = new URLSearchParams({ limit: String(PAGE) });
  if (f.status) q.set('status', f.status);
  if (f.engagementId) q.set('engagementId', f.engagementId);
  const { deliveries } = await get<{ deliveries: DeliveryRow[] }>(`/v1/deliveries?${q}`);
  const has = (value: string | null, wanted: string) => !wanted || (value ?? '').toLowerCase().includes(wanted.trim().toLowerCase());
  return deliveries.filter((d) => has(d.trackingId, f.trackingId) && has(d.contactId, f.contactId));
}

export function Deliveries() {
  const engagements = usePoll(() => get<{ engagements: Engagement[] }>('/v1/engagements').catch(() => ({ engagements: [] })), 60_000, []);
  const [draft, setDraft] = useState<Filters>({ status: '', engagementId: '', trackingId: '', contactId: '' });
  const [filters, setFilters] = useState(draft);
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
        <button type="submit">Search</button>
      </form>
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
