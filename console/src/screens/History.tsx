import './screens.css';
import { useState } from 'preact/hooks';
import { historyQuery } from '../../../api/schemas/historyReport';
import { CHANNELS, DELIVERY_STATUSES } from '../../../domain/delivery/deliveryStatus';
import { get } from '../api';
import { BarChart } from '../components/BarChart';
import { downloadFromApi } from '../components/download';
import type { Engagement } from '../types';
import { usePoll } from '../usePoll';
import type { HistoryReport } from './screenTypes';

interface Filters {
  from: string;
  to: string;
  channel: string;
  queueId: string;
  engagementId: string;
  timeZone: string;
}

type HistoryRow = HistoryReport['byEngagement'][number];

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The filters as the API's query, empty ones left out. */
const queryOf = (f: Filters) => Object.fromEntries(Object.entries(f).filter(([, v]) => v.trim() !== '')) as Record<string, string>;

function RowsTable({ label, keyTitle, rows, exports }: { label: string; keyTitle: string; rows: HistoryRow[]; exports?: boolean }) {
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <>
      <table aria-label={label} data-table={label}>
        <thead>
          <tr>
            <th scope="col">{keyTitle}</th>
            <th scope="col">Total</th>
            {DELIVERY_STATUSES.map((s) => (
              <th scope="col" key={s}>
                {s}
              </th>
            ))}
            {exports && <th scope="col">Export</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-key={r.key}>
              <th scope="row">{r.key}</th>
              <td data-status="total">{r.total}</td>
              {DELIVERY_STATUSES.map((s) => (
                <td key={s} data-status={s}>
                  {r.byStatus[s]}
                </td>
              ))}
              {exports && (
                <td>
                  {(['deliveries', 'attributes'] as const).map((table) => (
                    <button
                      key={table}
                      type="button"
                      class="link"
                      onClick={() =>
                        void downloadFromApi(
                          `/v1/engagements/${encodeURIComponent(r.key)}/export?format=csv&table=${table}`,
                          `${r.key}-${table}.csv`,
                        ).catch((err: Error) => setFailure(err.message))
                      }
                    >
                      {r.key} {table} CSV
                    </button>
                  ))}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {failure && (
        <p role="alert" class="error">
          {failure}
        </p>
      )}
    </>
  );
}

/** The seed's historical dashboard: deliveries by status, result and dial mode; by engagement, queue and day. */
export function History() {
  const engagements = usePoll(
    () => get<{ engagements: Array<Engagement & { routing?: { queueId?: string } }> }>('/v1/engagements'),
    60_000,
    [],
  );
  const [draft, setDraft] = useState<Filters>({ from: '', to: '', channel: '', queueId: '', engagementId: '', timeZone: browserZone() });
  const [filters, setFilters] = useState(draft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const report = usePoll(() => get<HistoryReport>(`/v1/reports/history?${new URLSearchParams(queryOf(filters))}`), 10_000, [filters]);
  const queues = [...new Set((engagements.data?.engagements ?? []).map((e) => e.routing?.queueId).filter((q): q is string => !!q))];

  const input = (name: keyof Filters, label: string, extra: Record<string, unknown> = {}) => (
    <div class="field">
      <label for={`history-${name}`}>{label}</label>
      <input
        id={`history-${name}`}
        {...extra}
        value={draft[name]}
        aria-invalid={!!errors[name]}
        aria-describedby={errors[name] ? `history-${name}-error` : undefined}
        onInput={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })}
      />
      {errors[name] && (
        <span class="field-error" id={`history-${name}-error`}>
          {errors[name]}
        </span>
      )}
    </div>
  );
  function apply(e: Event) {
    e.preventDefault();
    // The API's query schema, in the browser: a bad zone or period is named before anything is sent.
    const parsed = historyQuery.safeParse(queryOf(draft));
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'from'), i.message])));
      return;
    }
    setErrors({});
    setFilters({ ...draft });
  }
  const r = report.data;
  return (
    <section aria-labelledby="history-title">
      <h1 id="history-title">History</h1>
      <form class="filters" role="search" aria-label="History filters" onSubmit={apply}>
        {input('from', 'From (first day)', { type: 'date' })}
        {input('to', 'To (last day)', { type: 'date' })}
        <div class="field">
          <label for="history-channel">Channel</label>
          <select id="history-channel" value={draft.channel} onChange={(e) => setDraft({ ...draft, channel: e.currentTarget.value })}>
            <option value="">Any</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        {input('queueId', 'Queue', { list: 'history-queues' })}
        <datalist id="history-queues">
          {queues.map((q) => (
            <option key={q} value={q} />
          ))}
        </datalist>
        <div class="field">
          <label for="history-engagementId">Engagement</label>
          <select
            id="history-engagementId"
            value={draft.engagementId}
            onChange={(e) => setDraft({ ...draft, engagementId: e.currentTarget.value })}
          >
            <option value="">Any</option>
            {(engagements.data?.engagements ?? []).map((en) => (
              <option key={en.engagementId} value={en.engagementId}>
                {en.name} ({en.engagementId})
              </option>
            ))}
          </select>
        </div>
        {input('timeZone', 'Time zone (days are counted in it)')}
        <button type="submit">Apply</button>
      </form>
      {report.error && (
        <p role="alert" class="error">
          {report.error.message}
        </p>
      )}
      {r && (
        <>
          <p id="history-total">
            <strong data-total>{r.total}</strong> deliveries
          </p>
          <div class="charts-row">
            <BarChart id="chart-status" title="Deliveries by status" counts={r.byStatus} />
            <BarChart id="chart-result" title="Deliveries by result" counts={r.byResult} />
            <BarChart id="chart-dial-mode" title="Deliveries by dial mode" counts={r.byDialMode} />
          </div>
          <h2>By engagement</h2>
          <RowsTable label="By engagement" keyTitle="Engagement" rows={r.byEngagement} exports />
          <h2>By queue</h2>
          <RowsTable label="By queue" keyTitle="Queue" rows={r.byQueue} />
          <h2>By date ({filters.timeZone})</h2>
          <RowsTable label="By date" keyTitle="Day" rows={r.byDate} />
        </>
      )}
    </section>
  );
}
