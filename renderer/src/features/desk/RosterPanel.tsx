// 在岗: the commander on duty and the room's people by role, with who is at a window now.
import { useTranslation } from 'react-i18next';
import { clockTime, queueTime } from '../../app/formatTime';
import { useNow } from '../../app/useNow';
import { useRoster } from './deskReads';
import { rosterGroups } from './roster';

export function RosterPanel() {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const { roster, at } = useRoster();
  if (!roster) return null;
  return (
    <div className="roster" data-testid="roster">
      <p className={`desk-status${roster.onDuty ? ' is-on' : ' is-warn'}`} data-testid="roster-on-duty">
        {roster.onDuty ? `${t('command.roster.onDuty')}：${roster.onDuty.name} · ${queueTime(roster.onDuty.since, now)}` : t('command.roster.nobody')}
      </p>
      {rosterGroups(roster.users).map((group) => (
        <section key={group.role} className="roster-group">
          <h3 className="desk-subtitle">
            {t(`role.${group.role}`)} <span className="hint">{t('command.roster.groupCount', { online: group.online, total: group.users.length })}</span>
          </h3>
          <ul>
            {group.users.map((u) => (
              <li key={u.id} className={`roster-user${u.online ? ' is-online' : ''}`} data-testid="roster-user" data-online={u.online}>
                <span className="online-dot" aria-hidden="true" />
                <span className="roster-name">{u.name}</span>
                {roster.onDuty?.commanderId === u.id && <span className="role-badge">{t('command.roster.onDuty')}</span>}
                <span className="hint roster-seen">
                  {u.online ? t('command.roster.online') : u.lastSeenAt ? t('command.roster.lastSeen', { time: queueTime(u.lastSeenAt, now) }) : t('command.roster.never')}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {at !== null && <p className="hint">{t('command.roster.asOf', { time: clockTime(at) })}</p>}
    </div>
  );
}
