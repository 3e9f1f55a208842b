import { useRef, useState } from 'preact/hooks';
import { pauseBody, resumeBody } from '../../../api/schemas/campaignControl';
import { ApiFailure, get, post } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { SeriesChart } from '../components/SeriesChart';
import { can } from '../roles';
import { navigate } from '../router';
import type { DispatchStatus, Engagement, Report } from '../types';
import { usePoll } from '../usePoll';
import type { Role } from '../roles';

/** How often the board reads the API; the chart keeps this many points (an hour at this rate). */
export const BOARD_POLL_MS = 2000;
const CHART_POINTS = 1800;
const CHART_SERIES = [
  { label: 'Completed', stroke: '#2a7a2a' },
  { label: 'Calls in flight', stroke: '#b35900' },
  { label: 'Pending', stroke: '#3158a8' },
];

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)} %`);

interface BoardData {
  report: Report;
  dispatch: DispatchStatus | undefined;
  dispatchError: string | undefined;
  engagement: Engagement;
}

async function loadBoard(engagementId: string): Promise<BoardData> {
  const id = encodeURIComponent(engagementId);
  const [report, engagement, dispatch] = await Promise.all([
    get<Report>(`/v1/engagements/${id}/report`),
    get<Engagement>(`/v1/engagements/${id}`),
    // SMS engagements have no dispatcher (409): the board shows the rest.
    get<DispatchStatus>(`/v1/engagements/${id}/dispatch`).then(
      (d) => ({ d, e: undefined }),
      (e: Error) => ({ d: undefined, e: e.message }),
    ),
  ]);
  return { report, engagement, dispatch: dispatch.d, dispatchError: dispatch.e };
}

function Tile({ name, label, value }: { name: string; label: string; value: string | number }) {
  return (
    <div class="tile">
      <dt id={`tile-${name}-label`}>{label}</dt>
      <dd data-tile={name} aria-labelledby={`tile-${name}-label`}>
        {value}
      </dd>
    </div>
  );
}

export function Board({ engagementId, roles }: { engagementId: string; roles: Role[] }) {
  const engagements = usePoll(() => get<{ engagements: Engagement[] }>('/v1/engagements'), 30_000, []);
  const history = useRef<{ times: number[]; values: number[][] }>({ times: [], values: CHART_SERIES.map(() => []) });
  const [chart, setChart] = useState(history.current);
  const board = usePoll(
    async () => {
      const data = await loadBoard(engagementId);
      const h = history.current;
      const mine = data.dispatch?.engagements.find((e) => e.engagementId === engagementId);
      const point = [data.report.deliveries.byStatus.Complete ?? 0, mine?.inFlight ?? 0, data.report.deliveries.byStatus.Pending ?? 0];
      const times = [...h.times, Date.now() / 1000].slice(-CHART_POINTS);
      const values = h.values.map((v, i) => [...v, point[i] ?? 0].slice(-CHART_POINTS));
      history.current = { times, values };
      setChart(history.current);
      return data;
    },
    BOARD_POLL_MS,
    [engagementId],
  );
  const [confirm, setConfirm] = useState<'pause' | 'resume' | null>(null);
  const [outcome, setOutcome] = useState<{ kind: 'ok' | 'refused'; text: string } | null>(null);

  async function control(action: 'pause' | 'resume', reason: string) {
    setConfirm(null);
    const schema = action === 'pause' ? pauseBody : resumeBody;
    const body = schema.parse(reason ? { reason } : {});
    try {
      await post(`/v1/engagements/${encodeURIComponent(engagementId)}/${action}`, body);
      setOutcome({ kind: 'ok', text: action === 'pause' ? 'Paused.' : 'Resumed.' });
    } catch (err) {
      const refused = err instanceof ApiFailure && err.status === 409;
      setOutcome({ kind: 'refused', text: `${refused ? 'Not applied' : 'Failed'}: ${(err as Error).message}` });
    }
    board.refresh();
  }

  const data = board.data;
  const mine = data?.dispatch?.engagements.find((e) => e.engagementId === engagementId);
  const byStatus = data?.report.deliveries.byStatus ?? {};
  const calls = data?.report.calls;
  return (
    <section aria-labelledby="board-title">
      <h1 id="board-title">Live board</h1>
      <div class="toolbar">
        <label for="board-engagement">Engagement</label>
        <select
          id="board-engagement"
          value={engagementId}
          onChange={(e) => navigate(`/board/${encodeURIComponent(e.currentTarget.value)}`)}
        >
          {(engagements.data?.engagements ?? [{ engagementId, name: engagementId } as Engagement]).map((e) => (
            <option key={e.engagementId} value={e.engagementId}>
              {e.name} ({e.engagementId})
            </option>
          ))}
        </select>
        {can(roles, 'control') && (
          <>
            <button type="button" id="pause" onClick={() => setConfirm('pause')}>
              Pause
            </button>
            <button type="button" id="resume" onClick={() => setConfirm('resume')}>
              Resume
            </button>
          </>
        )}
      </div>
      {outcome && (
        <p role={outcome.kind === 'ok' ? 'status' : 'alert'} class={`outcome ${outcome.kind}`} id="control-outcome">
          {outcome.text}
        </p>
      )}
      {board.error && (
        <p role="alert" class="error">
          Could not read the board: {board.error.message}
        </p>
      )}
      {data && (
        <>
          <dl class="tiles" aria-label="Campaign tiles">
            <Tile name="state" label="State" value={mine?.state ?? data.engagement.state} />
            <Tile name="dial-mode" label="Dial mode" value={data.engagement.dialMode ?? data.engagement.channel} />
            <Tile name="pending" label="Pending" value={byStatus.Pending ?? 0} />
            <Tile name="in-progress" label="In progress" value={byStatus.InProcess ?? 0} />
            <Tile name="completed" label="Completed" value={byStatus.Complete ?? 0} />
            <Tile name="total" label="Deliveries" value={data.report.deliveries.total} />
            <Tile name="in-flight" label="Calls in flight" value={mine?.inFlight ?? 0} />
            <Tile name="waiting" label="Waiting for a dial slot" value={mine?.waiting ?? 0} />
            <Tile name="placed" label="Calls placed" value={calls?.placed ?? 0} />
            <Tile name="connect-rate" label="Connect rate" value={pct(calls && calls.placed ? calls.connected / calls.placed : null)} />
            <Tile name="answer-rate" label="Answer rate" value={pct(calls?.answerRate)} />
            <Tile name="abandoned-rate" label="Abandoned rate (all time)" value={pct(calls?.abandonmentRate)} />
            <Tile
              name="abandonment-cap"
              label="Abandonment cap"
              value={
                data.engagement.pacingRules
                  ? `${data.engagement.pacingRules.abandonmentCapPercent} % / ${data.engagement.pacingRules.abandonmentWindowHours} h`
                  : '—'
              }
            />
            <Tile name="answer-probability" label="Answer probability (estimated)" value={pct(data.dispatch?.answerProbability)} />
            <Tile name="priority" label="Priority" value={mine?.priority ?? '—'} />
          </dl>
          {mine?.reason && (
            <p class="state-reason" id="state-reason">
              Reason: {mine.reason}
            </p>
          )}
          {data.dispatchError && <p class="note">Dispatcher: {data.dispatchError}</p>}
          <p class="note">
            Representatives available / busy: not exposed by the API yet (the availability snapshot is read by the dispatcher only).
          </p>
        </>
      )}
      <SeriesChart
        title="Completed, calls in flight and pending over time"
        series={CHART_SERIES}
        times={chart.times}
        values={chart.values}
      />
      {confirm && (
        <ConfirmDialog
          title={confirm === 'pause' ? `Pause ${engagementId}?` : `Resume ${engagementId}?`}
          confirmLabel={confirm === 'pause' ? 'Pause' : 'Resume'}
          onConfirm={(reason) => void control(confirm, reason)}
          onCancel={() => setConfirm(null)}
        >
          {confirm === 'pause'
            ? 'No new calls are placed while paused; calls in progress finish.'
            : 'The dispatcher starts granting dial slots again.'}
        </ConfirmDialog>
      )}
    </section>
  );
}
