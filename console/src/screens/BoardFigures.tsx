/**
 * The live board's figures, as GET /v1/engagements/:id/board (or /v1/pools/:key/board) answers them:
 * the seed dashboard's tiles, representatives and occupancy, dialing, abandonment against the cap,
 * the backlog by state, each engagement's part, and the per-minute charts (uPlot).
 */
import type { BoardResponse } from '../../../api/schemas/board';
import { BACKLOG_STATES } from '../../../domain/board/liveBoard';
import { SeriesChart } from '../components/SeriesChart';

export type { BoardResponse };

export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)} %`);
const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));
const percentValue = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(1)} %`);

/** A duration as an operator reads it: "2 h 05 min", "3 min 20 s", "40 s". */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  const s = Math.round(ms / 1000);
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}

export function Tile({ name, label, value }: { name: string; label: string; value: string | number }) {
  return (
    <div class="tile">
      <dt id={`tile-${name}-label`}>{label}</dt>
      <dd data-tile={name} aria-labelledby={`tile-${name}-label`}>
        {value}
      </dd>
    </div>
  );
}

/** The seed dashboard's tiles (product-api-family §7 B), then what a pacing engineer needs. */
export function BoardTiles({ board }: { board: BoardResponse }) {
  const { tiles, representatives: reps, dialing, abandonment } = board;
  const overCap = abandonment.ratePercent !== null && abandonment.capPercent !== null && abandonment.ratePercent > abandonment.capPercent;
  return (
    <>
      <h2 id="board-seed-tiles">Campaign</h2>
      <dl class="tiles" aria-labelledby="board-seed-tiles">
        <Tile name="throughput" label="Throughput (completed, last hour)" value={tiles.throughputLastHour} />
        <Tile name="time-remaining" label="Time remaining (at that pace)" value={duration(tiles.timeRemainingMs)} />
        <Tile name="abandoned-rate" label="Abandoned rate (of calls placed)" value={pct(tiles.abandonedRate)} />
        <Tile name="average-handle-time" label="Average handle time (talk + wrap-up)" value={duration(tiles.averageHandleMs)} />
      </dl>
      <h2 id="board-pacing-tiles">Representatives and pacing</h2>
      <dl class="tiles" aria-labelledby="board-pacing-tiles">
        <Tile name="occupancy" label="Occupancy" value={pct(reps.occupancy)} />
        <Tile name="reps-available" label="Representatives available" value={num(reps.available)} />
        <Tile name="reps-busy" label="Representatives busy" value={num(reps.busy)} />
        <Tile name="reps-offline" label="Representatives offline" value={num(reps.offline)} />
        <Tile name="calls-in-flight" label="Calls in flight" value={num(dialing.inFlight)} />
        <Tile name="allowance" label="Dial mode's allowance (calls in flight)" value={num(dialing.allowance)} />
        <Tile name="answer-probability-estimate" label="Answer probability (estimated)" value={pct(dialing.answerProbability)} />
        <Tile name="handle-time-estimate" label="Handle time (estimated)" value={duration(dialing.handleMs)} />
        <Tile
          name="abandonment-rolling"
          label="Abandonment in the rule's window / cap"
          value={`${percentValue(abandonment.ratePercent)} / ${percentValue(abandonment.capPercent)}`}
        />
        <Tile name="live-answers-window" label="Live answers in the window" value={abandonment.liveAnswers} />
      </dl>
      {overCap && (
        <p role="alert" class="error" id="over-cap">
          Abandonment is over the cap.
        </p>
      )}
      <p class="note" id="availability-source">
        {reps.source === 'dispatcher'
          ? `Representatives as the dispatcher saw them at ${reps.at ? new Date(reps.at).toLocaleTimeString() : '—'}.`
          : reps.source === 'recorded'
            ? `The dispatcher did not answer: its last recorded tick, ${reps.at ? new Date(reps.at).toLocaleString() : '—'}.`
            : 'No dispatcher tick yet: representatives are unknown.'}
        {reps.withinOperatingHours === false && ' The queue is outside its operating hours.'}
        {reps.availabilityError && ` Availability unknown: ${reps.availabilityError}`}
      </p>
      <h2 id="board-backlog">Backlog by state</h2>
      <dl class="tiles" aria-labelledby="board-backlog">
        {BACKLOG_STATES.map((s) => (
          <Tile key={s.state} name={`backlog-${s.state}`} label={s.label} value={board.backlog[s.state] ?? 0} />
        ))}
        <Tile name="backlog-attempting" label="Attempting now" value={board.backlog.attempting ?? 0} />
      </dl>
    </>
  );
}

/** Each engagement's part (a pool board shows all of its engagements). */
export function BoardEngagements({ board }: { board: BoardResponse }) {
  return (
    <table class="board-engagements" aria-label="Engagements on this board">
      <thead>
        <tr>
          <th scope="col">Engagement</th>
          <th scope="col">State</th>
          <th scope="col">Priority</th>
          <th scope="col">Waiting for a slot</th>
          <th scope="col">In flight</th>
          <th scope="col">Allowance (dial mode / rules)</th>
          <th scope="col">Held by</th>
          <th scope="col">Abandonment / cap (window)</th>
        </tr>
      </thead>
      <tbody>
        {board.engagements.map((e) => (
          <tr key={e.engagementId} data-engagement={e.engagementId}>
            <th scope="row">{e.engagementId}</th>
            <td>{e.state}</td>
            <td>{e.priority ?? '—'}</td>
            <td>{num(e.waiting)}</td>
            <td>{num(e.inFlight)}</td>
            <td>
              {num(e.allowance)} ({num(e.dialModeAllowance)} / {e.ruleAllowance === null ? 'none' : e.ruleAllowance})
            </td>
            <td>{e.heldBy ?? '—'}</td>
            <td>
              {percentValue(e.abandonment.ratePercent)} of {e.abandonment.liveAnswers} / {e.abandonment.capPercent} % (
              {e.abandonment.windowHours} h)
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const CALLS = [
  { label: 'Calls placed', stroke: '#3158a8' },
  { label: 'Connects', stroke: '#2a7a2a' },
];
const ABANDON = [
  { label: 'Abandonment % (rolling, rule window)', stroke: '#b3261e' },
  { label: 'Cap %', stroke: '#555555' },
];
const OCCUPANCY = [{ label: 'Occupancy %', stroke: '#b35900' }];
const BACKLOG = [{ label: 'Open deliveries', stroke: '#6a3fa0' }];

/** The per-minute series, one chart each; gaps (no dispatcher tick that minute) stay gaps. */
export function BoardCharts({ board }: { board: BoardResponse }) {
  const s = board.series;
  const times = s.minutes.map((m) => Date.parse(m) / 1000);
  const cap = s.minutes.map(() => s.capPercent ?? 0);
  const asNumbers = (xs: Array<number | null>) => xs as unknown as number[];
  return (
    <div class="board-charts">
      <SeriesChart
        title="Calls placed and connects per minute"
        yLabel="calls / min"
        series={CALLS}
        times={times}
        values={[s.callsPlaced, s.connects]}
      />
      <SeriesChart
        title="Abandonment, rolling over the rule's window, against the cap"
        yLabel="% of live answers"
        series={ABANDON}
        times={times}
        values={[asNumbers(s.abandonPercent), cap]}
      />
      <SeriesChart
        title="Occupancy per minute"
        yLabel="%"
        series={OCCUPANCY}
        times={times}
        values={[asNumbers(s.occupancy.map((o) => (o === null ? null : Math.round(o * 1000) / 10)))]}
      />
      <SeriesChart title="Backlog (open deliveries) per minute" yLabel="deliveries" series={BACKLOG} times={times} values={[s.backlog]} />
    </div>
  );
}
