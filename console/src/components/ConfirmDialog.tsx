import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A modal confirmation (the native <dialog>: focus is trapped, Escape cancels). The reason typed here
 * goes with the request (the API stores it on the engagement's or delivery's history).
 */
export function ConfirmDialog(props: {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  /** Ask for a reason (stored with the action); false for actions the API takes no reason for. */
  withReason?: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="confirm-title" onCancel={props.onCancel} onClose={props.onCancel}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          props.onConfirm(reason.trim());
        }}
      >
        <h2 id="confirm-title">{props.title}</h2>
        <div>{props.children}</div>
        {props.withReason !== false && (
          <>
            <label for="confirm-reason">Reason (optional)</label>
            <input id="confirm-reason" value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
          </>
        )}
        <div class="actions">
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" class="primary">
            {props.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
