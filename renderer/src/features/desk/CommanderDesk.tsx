// The commander desk (指挥台), in the command window's right column: actions on the selected
// incident, then tabs for approvals, the handover and who is on duty. Shift and roster are
// read through the window's cache (./deskReads.ts): on open, again when shift or user entries
// arrive, and the roster every 30 s for presence.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { useHotkeys } from '../../app/hotkeys';
import { useNow } from '../../app/useNow';
import { describeError } from '../../i18n';
import { useOpenIncidents } from '../queue/useQueueSelectors';
import { selectUser } from '../session/sessionSlice';
import { approvalsOf } from './approvals';
import { ApprovalsInbox } from './ApprovalsInbox';
import { useDeskLoadError, useRoster, useShift } from './deskReads';
import { shiftStance } from './handover';
import { HandoverPanel } from './HandoverPanel';
import { IncidentActions } from './IncidentActions';
import { RosterPanel } from './RosterPanel';
import './desk.css';

const TABS = ['approvals', 'handover', 'roster'] as const;
type Tab = (typeof TABS)[number];
// Alt+1…3 belong to the intake below (merge into duplicate 1…3): the tabs take 7…9.
const TAB_KEYS: Record<Tab, { combo: string; labelKey: string }> = {
  approvals: { combo: 'Alt+7', labelKey: 'command.keys.tabApprovals' },
  handover: { combo: 'Alt+8', labelKey: 'command.keys.tabHandover' },
  roster: { combo: 'Alt+9', labelKey: 'command.keys.tabRoster' },
};

export function CommanderDesk() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('approvals');
  const user = useAppSelector(selectUser);
  const shift = useShift();
  // The open desk holds the roster in the cache, where the stream keeps its presence current.
  useRoster();
  const loadError = useDeskLoadError();
  const open = useOpenIncidents();
  const now = useNow(60_000);
  const waiting = approvalsOf(open, now).length;
  const toSign = !!user && !!shift && shiftStance(user.id, shift).kind === 'toSign';

  useHotkeys(TABS.map((name) => ({ ...TAB_KEYS[name], run: () => setTab(name) })));

  return (
    <section className="command-desk" data-testid="command-desk" aria-label={t('command.title')}>
      <IncidentActions />
      <div className="desk-tabs" role="tablist">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`desk-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`desk-panel-${name}`}
            className={`desk-tab${tab === name ? ' is-active' : ''}`}
            data-testid={`desk-tab-${name}`}
            onClick={() => setTab(name)}
          >
            {t(`command.tabs.${name}`)}
            {name === 'approvals' && waiting > 0 && <span className="desk-count">{waiting}</span>}
            {name === 'handover' && toSign && <span className="desk-count">!</span>}
            <kbd>{TAB_KEYS[name].combo}</kbd>
          </button>
        ))}
      </div>
      {loadError && (
        <p className="message message-error desk-message" role="alert">
          {t('command.loadFailed', { reason: describeError(t, loadError) })}
        </p>
      )}
      <div className="desk-panel" role="tabpanel" id={`desk-panel-${tab}`} aria-labelledby={`desk-tab-${tab}`}>
        {tab === 'approvals' && <ApprovalsInbox />}
        {tab === 'handover' && <HandoverPanel />}
        {tab === 'roster' && <RosterPanel />}
      </div>
    </section>
  );
}
