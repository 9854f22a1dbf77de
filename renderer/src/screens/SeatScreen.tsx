// The seat and the command window: queue on the left, the incident being worked in the
// middle, intake (and for a commander, the desk) on the right.
import { useTranslation } from 'react-i18next';
import { mayIssue } from '../../../shared/permissions';
import { useBootstrap } from '../app/BootstrapContext';
import { useAppSelector } from '../app/hooks';
import { TopBar } from '../components/TopBar';
import { IncidentDetail } from '../features/detail/IncidentDetail';
import { CommanderDesk } from '../features/desk/CommanderDesk';
import { IntakeForm } from '../features/intake/IntakeForm';
import { IncidentQueue, OpenCount } from '../features/queue/IncidentQueue';
import { OutboxPanel } from '../features/outbox/OutboxPanel';
import { selectUser } from '../features/session/sessionSlice';
import { WarningList } from '../features/warnings/WarningList';

export function SeatScreen() {
  const { t } = useTranslation();
  const { kind } = useBootstrap();
  const user = useAppSelector(selectUser);
  const command = kind === 'command';
  const badge = command ? <span className="role-badge" data-testid="command-badge">{t('role.commander')}</span> : undefined;
  return (
    <div className="seat">
      <TopBar badge={badge} />
      <main className={command ? 'seat-body seat-body-command' : 'seat-body'}>
        <section className="panel queue-panel" aria-label={t('queue.title')}>
          <div className="panel-head">
            <h2 className="panel-title">{t('queue.title')}</h2>
            <OpenCount />
          </div>
          <WarningList />
          <IncidentQueue />
        </section>
        <section className="panel detail-panel" aria-label={t('window.seat')}>
          <IncidentDetail />
        </section>
        <aside className="panel intake-panel">
          {command && <CommanderDesk />}
          {user && mayIssue(user.role, 'incident.report') ? <IntakeForm /> : <p className="hint">{t('intake.notAllowed')}</p>}
          <OutboxPanel />
        </aside>
      </main>
    </div>
  );
}
