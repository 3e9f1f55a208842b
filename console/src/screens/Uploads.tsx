import './screens.css';
import { useEffect, useState } from 'preact/hooks';
import { UPLOAD_STATES, type UploadState } from '../../../domain/csvIntake/uploadStates';
import { ApiFailure, get, session } from '../api';
import { saveFile, toCsv } from '../components/download';
import type { Engagement } from '../types';
import { usePoll } from '../usePoll';
import type { UploadView } from './screenTypes';

/** The steps of the bar: every state but `failed`, in the order an upload goes through them. */
const STEPS = UPLOAD_STATES.filter((s): s is Exclude<UploadState, 'failed'> => s !== 'failed');
const FINISHED: readonly UploadState[] = ['completed', 'failed'];

/** POST the file as the raw body; XMLHttpRequest, not fetch, for the bytes-sent progress while receiving. */
function send(engagementId: string, file: File, onBytes: (sent: number) => void): Promise<UploadView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/v1/engagements/${encodeURIComponent(engagementId)}/uploads`);
    xhr.setRequestHeader('Authorization', `Bearer ${session.key() ?? ''}`);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.upload.onprogress = (e) => onBytes(e.loaded);
    xhr.onerror = () => reject(new Error('the upload was interrupted'));
    xhr.onload = () => {
      const body = xhr.responseText ? (JSON.parse(xhr.responseText) as { error?: { code: string; message: string } }) : {};
      if (xhr.status === 202) resolve(body as unknown as UploadView);
      else reject(new ApiFailure(xhr.status, body.error?.code ?? 'http_error', body.error?.message ?? `${xhr.status}`));
    };
    xhr.send(file);
  });
}

/** Every row error of an upload, paged through GET /v1/uploads/:id/errors. */
async function allRowErrors(uploadId: string) {
  const all: Array<{ line: number; reason: string }> = [];
  let after = 0;
  for (;;) {
    const page = await get<{ errors: typeof all; nextAfterLine: number | null }>(
      `/v1/uploads/${uploadId}/errors?afterLine=${after}&limit=1000`,
    );
    all.push(...page.errors);
    if (page.nextAfterLine === null) return all;
    after = page.nextAfterLine;
  }
}

export function Uploads() {
  const engagements = usePoll(() => get<{ engagements: Engagement[] }>('/v1/engagements'), 60_000, []);
  const [engagementId, setEngagementId] = useState(() => new URLSearchParams(location.search).get('engagement') ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [sent, setSent] = useState<{ bytes: number; of: number } | null>(null);
  const [upload, setUpload] = useState<UploadView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!engagementId && engagements.data?.engagements[0]) setEngagementId(engagements.data.engagements[0].engagementId);
  }, [engagements.data]);

  // Follows the upload until it finishes (the API's own states).
  useEffect(() => {
    if (!upload || FINISHED.includes(upload.state)) return;
    const timer = setTimeout(() => {
      get<UploadView>(`/v1/uploads/${upload.uploadId}`)
        .then(setUpload)
        .catch((err: Error) => setFailure(err.message));
    }, 500);
    return () => clearTimeout(timer);
  }, [upload]);

  async function start(e: Event) {
    e.preventDefault();
    if (!file) return setFailure('Choose a CSV file first.');
    if (!engagementId) return setFailure('Choose an engagement first.');
    setFailure(null);
    setUpload(null);
    setSent({ bytes: 0, of: file.size });
    try {
      setUpload(await send(engagementId, file, (bytes) => setSent({ bytes, of: file.size })));
    } catch (err) {
      setFailure((err as Error).message);
      setSent(null);
    }
  }

  const stepIndex = upload ? (upload.state === 'failed' ? -1 : STEPS.indexOf(upload.state)) : sent ? 0 : -1;
  const stepLabel = upload ? upload.state : sent ? `receiving (${sent.bytes} of ${sent.of} bytes)` : '';
  const rowErrors = upload?.rowErrors;
  return (
    <section aria-labelledby="uploads-title">
      <h1 id="uploads-title">Upload contacts</h1>
      <form onSubmit={(e) => void start(e)} class="upload-form">
        <label for="upload-engagement">Engagement</label>
        <select id="upload-engagement" value={engagementId} onChange={(e) => setEngagementId(e.currentTarget.value)}>
          {(engagements.data?.engagements ?? []).map((en) => (
            <option key={en.engagementId} value={en.engagementId}>
              {en.name} ({en.engagementId})
            </option>
          ))}
        </select>
        <div
          class={`drop-zone${dragging ? ' dragging' : ''}`}
          id="drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            const dropped = e.dataTransfer?.files[0];
            if (dropped) setFile(dropped);
          }}
        >
          <p>Drop a CSV file here, or choose one:</p>
          <label for="upload-file">CSV file</label>
          <input id="upload-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
          {file && (
            <p id="upload-chosen">
              {file.name} ({file.size} bytes)
            </p>
          )}
        </div>
        <button type="submit" class="primary" disabled={!file || (!!upload && !FINISHED.includes(upload.state))}>
          Upload
        </button>
      </form>
      {failure && (
        <p role="alert" class="error" id="upload-failure">
          {failure}
        </p>
      )}
      {(sent || upload) && (
        <div class="upload-progress">
          <label for="upload-bar">Progress: {stepLabel}</label>
          <progress id="upload-bar" max={STEPS.length - 1} value={Math.max(stepIndex, 0)} data-state={upload?.state ?? 'receiving'} />
          <ol class="steps" aria-label="Upload steps">
            {STEPS.map((s, i) => (
              <li key={s} aria-current={i === stepIndex ? 'step' : undefined} class={i <= stepIndex ? 'done' : ''}>
                {s}
              </li>
            ))}
          </ol>
          {upload && (
            <dl class="facts" id="upload-counts">
              <dt>Rows read</dt>
              <dd data-count="rowsRead">{upload.progress.rowsRead}</dd>
              <dt>Rows accepted</dt>
              <dd data-count="rowsAccepted">{upload.progress.rowsAccepted}</dd>
              <dt>Rows rejected</dt>
              <dd data-count="rowsRejected">{upload.progress.rowsRejected}</dd>
              <dt>Deliveries created</dt>
              <dd data-count="deliveriesCreated">{upload.progress.deliveriesCreated}</dd>
              <dt>Suppressed by a policy</dt>
              <dd data-count="deliveriesSuppressed">{upload.progress.deliveriesSuppressed}</dd>
              <dt>Scheduled</dt>
              <dd data-count="deliveriesScheduled">{upload.progress.deliveriesScheduled}</dd>
            </dl>
          )}
          {upload?.error && (
            <p role="alert" class="error">
              {upload.error}
            </p>
          )}
        </div>
      )}
      {upload && rowErrors && rowErrors.count > 0 && (
        <section aria-labelledby="row-errors-title">
          <h2 id="row-errors-title">Row errors ({rowErrors.count})</h2>
          <button
            type="button"
            onClick={() =>
              void allRowErrors(upload.uploadId)
                .then((all) =>
                  saveFile(
                    `upload-${upload.uploadId}-errors.csv`,
                    new Blob(
                      [
                        toCsv(
                          ['line', 'reason'],
                          all.map((r) => [r.line, r.reason]),
                        ),
                      ],
                      { type: 'text/csv' },
                    ),
                  ),
                )
                .catch((err: Error) => setFailure(err.message))
            }
          >
            Download the row errors (CSV)
          </button>
          <table aria-label="Row errors">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {rowErrors.items.map((r) => (
                <tr key={r.line} data-line={r.line}>
                  <td>{r.line}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rowErrors.nextAfterLine !== null && <p class="note">The first {rowErrors.items.length} are shown; the download has them all.</p>}
        </section>
      )}
    </section>
  );
}
