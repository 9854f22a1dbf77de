// One desk action's life: busy while it runs, its outcome shown beside it, and an idempotency
// key kept for the same request until it succeeds, so a retry after a lost answer applies once.
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch } from '../../app/hooks';
import { newIdempotencyKey } from '../../app/idempotency';
import type { AppThunk } from '../../app/store';
import { describeError } from '../../i18n';
import type { DeskOutcome } from './deskThunks';

export interface DeskAction {
  busy: boolean;
  outcome: DeskOutcome | null;
  /** `signature` names the request (type and payload); `successKey` is said on success. */
  run(signature: string, make: (key: string) => AppThunk<Promise<DeskOutcome>>, successKey?: string, values?: Record<string, string>): Promise<DeskOutcome | null>;
  clear(): void;
  /** What to say on success, kept with the outcome. */
  successKey: string | null;
  successValues: Record<string, string>;
}

export function useDeskAction(): DeskAction {
  const dispatch = useAppDispatch();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<DeskOutcome | null>(null);
  const [success, setSuccess] = useState<{ key: string | null; values: Record<string, string> }>({ key: null, values: {} });
  const keys = useRef(new Map<string, string>());
  const running = useRef(false);

  const run = useCallback<DeskAction['run']>(
    async (signature, make, successKey, values = {}) => {
      if (running.current) return null;
      running.current = true;
      const key = keys.current.get(signature) ?? newIdempotencyKey();
      keys.current.set(signature, key);
      setBusy(true);
      try {
        const result = await dispatch(make(key));
        // Applied (or queued in the outbox): the same request again is a new command.
        if (result.ok) keys.current.delete(signature);
        setSuccess({ key: successKey ?? null, values });
        setOutcome(result);
        return result;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [dispatch],
  );
  const clear = useCallback(() => setOutcome(null), []);
  return { busy, outcome, run, clear, successKey: success.key, successValues: success.values };
}

/** The outcome in words: a refusal (data-testid action-error) or what was done. */
export function ActionMessage({ action }: { action: DeskAction }) {
  const { t } = useTranslation();
  const { outcome } = action;
  if (!outcome) return null;
  if (!outcome.ok) {
    return (
      <p className="message message-error desk-message" role="alert" data-testid="action-error">
        {'error' in outcome ? describeError(t, outcome.error) : t(outcome.noteKey, outcome.values)}
      </p>
    );
  }
  const missing = outcome.missing?.map((d) => t(`department.${d}`)).join('、') ?? '';
  const text = outcome.pending
    ? t(outcome.noteKey === 'command.cross.triagePending' ? outcome.noteKey : 'command.approvals.pending')
    : outcome.noteKey
      ? t(outcome.noteKey, { ...outcome.values, missing })
      : action.successKey
        ? t(action.successKey, action.successValues)
        : null;
  if (!text) return null;
  return (
    <p className="message message-ok desk-message" role="status" data-testid="action-done">
      {text}
    </p>
  );
}
