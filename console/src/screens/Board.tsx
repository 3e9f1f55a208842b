import { useEffect, useState } from 'preact/hooks';
import { pauseBody, priorityBody, resumeBody } from '../../../api/schemas/campaignControl';
import { PRIORITIES, type Priority } from '../../../domain/engagement';
import { ApiFailure, api, get, post } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { can } from '../roles';
import { navigate } from '../router';
import type { Engagement, Report } from '../types';
import { BoardCharts, BoardEngagements, type BoardResponse, BoardTiles, pct, Tile } from './BoardFigures';
import { usePoll } from '../usePoll';
import type { Role } from '../roles';

/** How often the board reads the API (its charts are per minute, from the API's own series). */
export const BOARD_POLL_MS = 2000;

/** What each control's confirmation says. */
const CONTROLS = {
  pause: {
    title: (id: string) => `Pause ${id}?`,
    label: 'Pause',
    effect: 'No new calls are placed while paused; calls in progress finish.',
  },
  resume: { title: (id: string) => `Resume ${id}?`, label: 'Resume', effect: 'The dispatcher starts granting dial slots again.' },
  priority: {
    title: (id: string, p: Priority) => `Set the priority of ${id} to ${p}?`,
    label: 'Set priority',
    effect: 'Its pool grants dial slots to higher priorities first.',
  },
} as const;

interface BoardData {
  report: Report;
  board: BoardResponse;
  engagement: Engagement;
}

/** The board's scope: the engagement alone, or every engagement of its dispatch pool. */
type Scope = 'engagement' | 'pool';

async function loadBoard(engagementId: string, scope: Scope, poolKey: string | null): Promise<BoardData> {
  const id = encodeURIComponent(engagementId);
  const boardPath = scope === 'pool' && poolKey ? `/v1/pools/${encodeURIComponent(poolKey)}/board` : `/v1/engagements/${id}/board`;
  const [report, engagement, board] = await Promise.all([
    get<Report>(`/v1/engagements/${id}/report`),
    get<Engagement>(`/v1/engagements/${id}`),
    get<BoardResponse>(boardPath),
  ]);
  return { report, engagement, board };
}

export function Board({ engagementId, roles }: { engagementId: string; roles: Role[] }) {
  const engagements = usePoll(() => get<{ engagements: Engagement[] }>('/v1/engagements'), 30_000, []);
  const [scope, setScope] = useState<Scope>('engagement');
  const [poolKey, setPoolKey] = useState<string | null>(null);
  const board = usePoll(() => loadBoard(engagementId, scope, poolKey), BOARD_POLL_MS, [engagementId, scope, poolKey]);
  const scopePool = board.data?.board.scope.kind === 'engagement' ? board.data.board.scope.poolKey : null;
  // The pool is the engagement's; learnt from its own board, kept while the pool is shown.
  useEffect(() => {
    if (scopePool) setPoolKey(scopePool);
  }, [scopePool]);
  useEffect(() => {
    setScope('engagement');
    setPoolKey(null);
  }, [engagementId]);
  const [confirm, setConfirm] = useState<'pause' | 'resume' | 'priority' | null>(null);
  const [priority, setPriority] = useState<Priority>('Normal');
  const [outcome, setOutcome] = useState<{ kind: 'ok' | 'refused'; text: string } | null>(null);

  async function control(action: 'pause' | 'resume' | 'priority', reason: string) {
    setConfirm(null);
    const path = `/v1/engagements/${encodeURIComponent(engagementId)}/${action}`;
    try {
      if (action === 'priority') {
        await api('PUT', path, priorityBody.parse({ priority }));
        setOutcome({ kind: 'ok', text: `Priority set to ${priority}.` });
      } else {
        await post(path, (action === 'pause' ? pauseBody : resumeBody).parse(reason ? { reason } : {}));
        setOutcome({ kind: 'ok', text: action === 'pause' ? 'Paused.' : 'Resumed.' });
      }
    } catch (err) {
      const refused = err instanceof ApiFailure && err.status === 409;
      setOutcome({ kind: 'refused', text: `${refused ? 'Not applied' : 'Failed'}: ${(err as Error).message}` });
    }
    board.refresh();
  }

  const data = board.data;
  const mine = data?.board.engagements.find((e) => e.engagementId === engagementId);
  // The picker starts at the engagement's priority, and follows it when it changes.
  useEffect(() => {
    if (mine?.priority) setPriority(mine.priority);
  }, [mine?.priority]);
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
        <label for="board-scope">Show</label>
        <select id="board-scope" value={scope} onChange={(e) => setScope(e.currentTarget.value as Scope)}>
          <option value="engagement">This engagement</option>
          <option value="pool" disabled={!poolKey}>
            {poolKey ? `Its pool (${poolKey})` : 'Its pool (none: not dispatched)'}
          </option>
        </select>
        {can(roles, 'control') && (
          <>
            <button type="button" id="pause" onClick={() => setConfirm('pause')}>
              Pause
            </button>
            <button type="button" id="resume" onClick={() => setConfirm('resume')}>
              Resume
            </button>
            <label for="board-priority">New priority</label>
            <select id="board-priority" value={priority} onChange={(e) => setPriority(e.currentTarget.value as Priority)}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
            <button type="button" id="set-priority" onClick={() => setConfirm('priority')}>
              Set priority
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
            <Tile name="abandonment-all-time" label="Abandonment (of live answers, all time)" value={pct(calls?.abandonmentRate)} />
            <Tile
              name="abandonment-cap"
              label="Abandonment cap"
              value={
                data.engagement.pacingRules
                  ? `${data.engagement.pacingRules.abandonmentCapPercent} % / ${data.engagement.pacingRules.abandonmentWindowHours} h`
                  : '—'
              }
            />
            <Tile name="answer-probability" label="Answer probability (estimated)" value={pct(data.board.dialing.answerProbability)} />
            <Tile name="priority" label="Priority" value={mine?.priority ?? '—'} />
          </dl>
          {mine?.reason && (
            <p class="state-reason" id="state-reason">
              Reason: {mine.reason}
            </p>
          )}
          <section aria-labelledby="board-figures-title">
            <h2 id="board-figures-title">
              {data.board.scope.kind === 'pool' ? `Pool ${data.board.scope.poolKey}` : `Engagement ${engagementId}`}
            </h2>
            <BoardTiles board={data.board} />
            <BoardEngagements board={data.board} />
            <BoardCharts board={data.board} />
          </section>
        </>
      )}
      {confirm && (
        <ConfirmDialog
          title={CONTROLS[confirm].title(engagementId, priority)}
          confirmLabel={CONTROLS[confirm].label}
          withReason={confirm !== 'priority'}
          onConfirm={(reason) => void control(confirm, reason)}
          onCancel={() => setConfirm(null)}
        >
          {CONTROLS[confirm].effect}
        </ConfirmDialog>
      )}
    </section>
  );
}
