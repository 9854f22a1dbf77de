// 交接班: start the shift when nobody commands, hand it over on a sheet, or review and sign a
// sheet addressed to me. The engine decides who may (shift.start / shift.handover).
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queueTime } from '../../app/formatTime';
import { useAppSelector } from '../../app/hooks';
import { useHotkeys } from '../../app/hotkeys';
import { useNow } from '../../app/useNow';
import { selectSelectedIncidentId } from '../selection/selectionSlice';
import { selectUser } from '../session/sessionSlice';
import { useRoster, useShift } from './deskReads';
import { issue } from './deskThunks';
import { shiftStance, watchListWith, type HandoverSheet } from './handover';
import { HandoverSheetView } from './HandoverSheetView';
import { incomingCandidates } from './roster';
import { ActionMessage, useDeskAction } from './useDeskAction';
import { printReleased } from '../../app/printGuard';

const PRINT_CLASS = 'print-handover';

/** Prints only the handover sheet: the body class narrows the print stylesheet to it. */
function printSheet() {
  document.body.classList.add(PRINT_CLASS);
  const done = () => {
    document.body.classList.remove(PRINT_CLASS);
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  // The sheet records a handover already in the journal: it may go to paper.
  printReleased();
}

export function HandoverPanel() {
  const { t } = useTranslation();
  const id = useId();
  const now = useNow(30_000);
  const user = useAppSelector(selectUser);
  const shift = useShift();
  const { roster } = useRoster();
  const selectedId = useAppSelector(selectSelectedIncidentId);
  const action = useDeskAction();
  const [incoming, setIncoming] = useState('');
  const [notes, setNotes] = useState('');
  const [watchList, setWatchList] = useState<string[]>([]);
  const [showLast, setShowLast] = useState(false);

  const names = useMemo(() => new Map((roster?.users ?? []).map((u) => [u.id, u.name])), [roster]);
  const nameOf = (userId: string) => names.get(userId) ?? userId;
  const stance = user && shift ? shiftStance(user.id, shift) : null;
  const candidates = useMemo(() => (user && roster ? incomingCandidates(roster.users, user.id) : []), [roster, user]);
  const isCommander = user?.role === 'commander';

  useEffect(() => {
    if (!candidates.some((c) => c.id === incoming)) setIncoming(candidates[0]?.id ?? '');
  }, [candidates, incoming]);

  const sheet: HandoverSheet | null =
    stance?.kind === 'toSign' ? stance.sheet : stance?.kind === 'onDuty' && stance.handedOver ? stance.handedOver : showLast ? (shift?.handovers[0] ?? null) : null;
  const onDutyForm = stance?.kind === 'onDuty' && isCommander;

  const handOver = () => {
    if (!incoming) return;
    const payload = { incomingUserId: incoming, notes: notes.trim(), watchList };
    void action.run(`handover:${JSON.stringify(payload)}`, (key) => issue('shift.handover', payload, key), 'command.handover.submitted', { name: nameOf(incoming) }).then((result) => {
      if (result?.ok) {
        setNotes('');
        setWatchList([]);
      }
    });
  };
  const sign = (handoverId: string) => void action.run(`sign:${handoverId}`, (key) => issue('shift.start', { handoverId }, key), 'command.handover.signed');
  const start = () => void action.run(`start:${shift?.onDuty?.commanderId ?? ''}:${shift?.onDuty?.since ?? ''}`, (key) => issue('shift.start', {}, key), 'command.handover.started');

  useHotkeys([
    { combo: 'Ctrl+P', labelKey: 'command.keys.print', run: printSheet, enabled: sheet !== null },
    { combo: 'Alt+L', labelKey: 'command.keys.addWatch', run: () => setWatchList((list) => watchListWith(list, selectedId)), enabled: onDutyForm && !!selectedId },
  ]);

  if (!user || !shift) return null;
  const printedBy = user.name;

  return (
    <div className="handover">
      {stance?.kind === 'toSign' && <p className="desk-status is-warn">{t('command.handover.toSign', { name: nameOf(stance.sheet.outgoingId) })}</p>}
      {stance?.kind === 'onDuty' && <p className="desk-status is-on">{t('command.handover.you', { since: queueTime(stance.since, now) })}</p>}
      {stance?.kind === 'offDuty' && <p className="desk-status">{t('command.handover.onDuty', { name: nameOf(stance.commanderId), since: queueTime(stance.since, now) })}</p>}
      {stance?.kind === 'vacant' && <p className="desk-status is-warn">{t('command.handover.vacant')}</p>}
      {!isCommander && <p className="hint">{t('command.handover.offDutyHint')}</p>}

      <ActionMessage action={action} />

      {isCommander && stance?.kind === 'vacant' && (
        <div className="desk-buttons">
          <button type="button" className="button button-primary button-small" data-testid="start-shift" disabled={action.busy} onClick={start}>
            {t('command.handover.start')}
          </button>
        </div>
      )}
      {isCommander && stance?.kind === 'offDuty' && (
        <div className="desk-buttons">
          <button type="button" className="button button-small" data-testid="take-over" title={t('command.handover.takeOverHint')} disabled={action.busy} onClick={start}>
            {t('command.handover.takeOver')}
          </button>
        </div>
      )}

      {stance?.kind === 'onDuty' && stance.handedOver && (
        <p className="hint">{t('command.handover.awaiting', { id: stance.handedOver.id, name: nameOf(stance.handedOver.incomingId) })}</p>
      )}

      {onDutyForm && (
        <form
          className="handover-form"
          data-testid="handover-form"
          onSubmit={(e) => {
            e.preventDefault();
            handOver();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-incoming`}>{t('command.handover.incoming')}</label>
            {candidates.length ? (
              <select id={`${id}-incoming`} value={incoming} onChange={(e) => setIncoming(e.target.value)} data-testid="handover-incoming">
                {candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                    {c.online ? ` · ${t('command.roster.online')}` : ''}
                  </option>
                ))}
              </select>
            ) : (
              <span className="hint">{t('command.handover.noIncoming')}</span>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-notes`}>{t('command.handover.notes')}</label>
            <textarea id={`${id}-notes`} rows={2} maxLength={4000} value={notes} onChange={(e) => setNotes(e.target.value)} data-testid="handover-notes" />
          </div>
          <div className="field">
            <span className="field-label">{t('command.handover.watchList')}</span>
            <div className="watch-list">
              {watchList.map((incidentId) => (
                <span key={incidentId} className="watch-chip">
                  {incidentId}
                  <button type="button" className="chip-remove" aria-label={`${t('command.handover.remove')} ${incidentId}`} onClick={() => setWatchList((list) => list.filter((x) => x !== incidentId))}>
                    ×
                  </button>
                </span>
              ))}
              <button type="button" className="button button-quiet button-small" disabled={!selectedId} onClick={() => setWatchList((list) => watchListWith(list, selectedId))} data-testid="watch-add">
                {t('command.handover.addSelected')} <kbd>Alt+L</kbd>
              </button>
            </div>
          </div>
          <div className="desk-buttons">
            <button type="submit" className="button button-primary button-small" disabled={action.busy || !incoming} data-testid="handover-submit">
              {t('command.handover.handOver')}
            </button>
          </div>
        </form>
      )}

      {sheet ? (
        <>
          <HandoverSheetView sheet={sheet} nameOf={nameOf} now={now} printedBy={printedBy} />
          <div className="desk-buttons">
            {stance?.kind === 'toSign' && (
              <button type="button" className="button button-primary button-small" data-testid="sign-handover" disabled={action.busy} onClick={() => sign(stance.sheet.id)}>
                {t('command.handover.sign')}
              </button>
            )}
            <button type="button" className="button button-small" data-testid="print-handover" onClick={printSheet}>
              {t('command.handover.print')} <kbd>Ctrl+P</kbd>
            </button>
          </div>
        </>
      ) : (
        shift.handovers.length > 0 && (
          <button type="button" className="button button-quiet button-small" onClick={() => setShowLast(true)} data-testid="show-last-sheet">
            {t('command.handover.sheet')} {shift.handovers[0]!.id}
          </button>
        )
      )}
    </div>
  );
}
