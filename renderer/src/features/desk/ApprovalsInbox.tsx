// The approvals inbox: serious incidents waiting for this commander, most serious and longest
// waiting first. ↑↓ move, Enter or Alt+Y approves the chosen one, Alt+N sends it back with a reason.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useHotkeys } from '../../app/hotkeys';
import { useNow } from '../../app/useNow';
import { useOpenIncidents } from '../queue/useQueueSelectors';
import { incidentSelected, selectSelectedIncidentId } from '../selection/selectionSlice';
import { approvalsOf, waitingParts, type Approval } from './approvals';
import { approve, sendBack } from './deskThunks';
import { ActionMessage, useDeskAction } from './useDeskAction';

const MIN_REASON = 2;

function Waiting({ ms }: { ms: number }) {
  const { t } = useTranslation();
  const { hours, minutes } = waitingParts(ms);
  return <span className="approval-wait">{hours ? t('command.approvals.waitingHours', { hours, minutes }) : t('command.approvals.waitingMinutes', { minutes })}</span>;
}

export function ApprovalsInbox() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const now = useNow(15_000);
  const open = useOpenIncidents();
  const selectedId = useAppSelector(selectSelectedIncidentId);
  const items = useMemo(() => approvalsOf(open, now), [open, now]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [returning, setReturning] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonTooShort, setReasonTooShort] = useState(false);
  const action = useDeskAction();
  const itemRefs = useRef(new Map<string, HTMLLIElement>());
  const reasonRef = useRef<HTMLInputElement>(null);

  // The chosen item follows the selection when the selection is one of the items.
  useEffect(() => {
    if (selectedId && items.some((i) => i.incidentId === selectedId)) setActiveId(selectedId);
  }, [selectedId, items]);

  const active = items.find((i) => i.incidentId === activeId) ?? items[0] ?? null;

  useEffect(() => {
    if (returning && !items.some((i) => i.incidentId === returning)) setReturning(null);
  }, [items, returning]);

  useEffect(() => {
    if (returning) reasonRef.current?.focus();
  }, [returning]);

  const choose = (item: Approval, focus = false) => {
    setActiveId(item.incidentId);
    if (selectedId !== item.incidentId) dispatch(incidentSelected(item.incidentId));
    if (focus) itemRefs.current.get(item.incidentId)?.focus();
  };

  const doApprove = (item: Approval | null) => {
    if (!item) return;
    choose(item);
    const successKey = item.ask === 'closure' ? 'command.approvals.accepted' : 'command.approvals.dispatched';
    void action.run(`approve:${item.ask}:${item.incidentId}`, (key) => approve(item, key), successKey);
  };

  const startReturn = (item: Approval | null) => {
    if (!item) return;
    choose(item);
    setReturning(item.incidentId);
    setReason('');
    setReasonTooShort(false);
  };

  const submitReturn = (item: Approval) => {
    const text = reason.trim();
    if (text.length < MIN_REASON) {
      setReasonTooShort(true);
      return;
    }
    const successKey = item.ask === 'closure' ? 'command.approvals.reopened' : 'command.approvals.returned';
    void action.run(`return:${item.ask}:${item.incidentId}:${text}`, (key) => sendBack(item, text, key), successKey).then((result) => {
      if (result?.ok) {
        setReturning(null);
        itemRefs.current.get(item.incidentId)?.closest('ul')?.focus();
      }
    });
  };

  useHotkeys([
    { combo: 'Alt+Y', labelKey: 'command.keys.approve', run: () => doApprove(active), enabled: !!active && !action.busy },
    { combo: 'Alt+N', labelKey: 'command.keys.sendBack', run: () => startReturn(active), enabled: !!active && !action.busy },
  ]);

  const onItemKey = (event: KeyboardEvent<HTMLLIElement>, index: number) => {
    if (event.target !== event.currentTarget) return; // keys typed in the reason field stay there
    const item = items[index]!;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = items[Math.min(items.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))];
      if (next) choose(next, true);
    } else if (event.key === 'Enter' && !event.altKey && !event.ctrlKey) {
      event.preventDefault();
      doApprove(item);
    }
  };

  return (
    <div className="approvals">
      <ActionMessage action={action} />
      {items.length === 0 ? (
        <p className="hint desk-empty">{t('command.approvals.empty')}</p>
      ) : (
        <ul className="approval-list" aria-label={t('command.approvals.listLabel')} tabIndex={-1}>
          {items.map((item, index) => {
            const isActive = item.incidentId === active?.incidentId;
            return (
              <li
                key={item.incidentId}
                ref={(el) => {
                  if (el) itemRefs.current.set(item.incidentId, el);
                  else itemRefs.current.delete(item.incidentId);
                }}
                className={`approval-item${isActive ? ' is-active' : ''}${item.incidentId === selectedId ? ' is-selected' : ''}`}
                data-testid="approval-item"
                data-incident-id={item.incidentId}
                tabIndex={isActive ? 0 : -1}
                aria-current={isActive ? 'true' : undefined}
                onFocus={(e) => e.target === e.currentTarget && choose(item)}
                onClick={() => choose(item)}
                onKeyDown={(e) => onItemKey(e, index)}
              >
                <div className="approval-line">
                  <span className={`priority-badge priority-${item.priority}`}>{item.priority}</span>
                  <span className={`approval-ask ask-${item.ask}`}>{t(`command.approvals.ask.${item.ask}`)}</span>
                  <span className="approval-title" title={item.title}>
                    {item.title}
                  </span>
                  <Waiting ms={item.waitingMs} />
                </div>
                <div className="approval-line approval-actions">
                  <span className="hint approval-id">{item.incidentId}</span>
                  <button
                    type="button"
                    className="button button-primary button-small"
                    data-testid="approve-button"
                    title={t(`command.approvals.askLong.${item.ask}`)}
                    disabled={action.busy}
                    onClick={(e) => {
                      e.stopPropagation();
                      doApprove(item);
                    }}
                  >
                    {t('command.approvals.approve')} {isActive && <kbd>Alt+Y</kbd>}
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    data-testid="return-button"
                    disabled={action.busy}
                    onClick={(e) => {
                      e.stopPropagation();
                      startReturn(item);
                    }}
                  >
                    {t('command.approvals.sendBack')} {isActive && <kbd>Alt+N</kbd>}
                  </button>
                </div>
                {returning === item.incidentId && (
                  <form
                    className="approval-reason"
                    onSubmit={(e) => {
                      e.preventDefault();
                      submitReturn(item);
                    }}
                  >
                    <input
                      ref={reasonRef}
                      data-testid="return-reason"
                      aria-label={t('command.approvals.reason')}
                      placeholder={t(item.ask === 'closure' ? 'command.approvals.reasonClosure' : 'command.approvals.reasonDispatch')}
                      value={reason}
                      maxLength={500}
                      aria-invalid={reasonTooShort || undefined}
                      onChange={(e) => {
                        setReason(e.target.value);
                        setReasonTooShort(false);
                      }}
                      onKeyDown={(e) => {
                        if (e.key === 'Escape') {
                          e.preventDefault();
                          setReturning(null);
                          itemRefs.current.get(item.incidentId)?.focus();
                        }
                      }}
                    />
                    <button type="submit" className="button button-small" disabled={action.busy} data-testid="return-submit">
                      {t('command.approvals.submitReason')} <kbd>Enter</kbd>
                    </button>
                    {reasonTooShort && <span className="hint desk-warn">{t('command.approvals.reasonShort')}</span>}
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
