// The incident being worked on, all of it in one column: who, what, where and how late; every
// report and every step so far; the map and cameras around it; and what may be done next.
import { memo, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaConfig } from '../../../../shared/sla';
import { slaClocks } from '../../../../shared/sla';
import { mayIssue } from '../../../../shared/permissions';
import { categoryName } from '../../../../shared/taxonomy';
import { queueTime } from '../../app/formatTime';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useNow } from '../../app/useNow';
import { describeError, nameLanguage } from '../../i18n';
import { countdownText } from '../board/boardFigures';
import { placeText } from '../queue/incidentText';
import { selectSelectedIncidentId } from '../selection/selectionSlice';
import { selectUser } from '../session/sessionSlice';
import { ActionBar, actionErrorText } from './ActionBar';
import { camerasNear, MapSnippet, NearbyCameras } from './DetailMap';
import { DispatchPanel } from './DispatchPanel';
import { ReportFacts } from './ReportFacts';
import { SuspectedDuplicate } from './SuspectedDuplicate';
import { selectDetail, type IncidentDetailRecord, type IncidentJournal, type RevealedReporter } from './detailSlice';
import { issueDetailCommand, loadDetail } from './detailThunks';
import { useDetailTown } from './detailTown';
import { timelineLine } from './timelineText';
import './detail.css';

/** Amber once less than this share of a clock's allowance is left. */
const WARN_SHARE = 0.25;

export function slaTone(now: number, startedAt: string | null, deadline: string | null, doneAt: string | null): 'done' | 'idle' | 'ok' | 'warn' | 'overdue' {
  if (doneAt !== null) return 'done';
  if (startedAt === null || deadline === null) return 'idle';
  const end = Date.parse(deadline);
  const left = end - now;
  if (left < 0) return 'overdue';
  return left < (end - Date.parse(startedAt)) * WARN_SHARE ? 'warn' : 'ok';
}

const SlaClocks = memo(function SlaClocks({ incident, config }: { incident: IncidentDetailRecord; config: SlaConfig | undefined }) {
  const { t } = useTranslation();
  const now = useNow(1_000);
  return (
    <div className="detail-sla" data-testid="detail-sla">
      {slaClocks(incident, config).map((clock) => {
        const tone = slaTone(now, clock.startedAt, clock.deadline, clock.doneAt);
        const left = clock.deadline === null ? 0 : Date.parse(clock.deadline) - now;
        const text =
          tone === 'done' ? t('detail.sla.done') : tone === 'idle' ? t('detail.sla.notStarted') : tone === 'overdue' ? t('detail.sla.overdue', { time: countdownText(-left) }) : t('detail.sla.left', { time: countdownText(left) });
        return (
          <span key={clock.clock} className={`sla-clock sla-${tone}`} data-clock={clock.clock} data-tone={tone}>
            <small>{t(`detail.sla.${clock.clock}`)}</small>
            {text}
          </span>
        );
      })}
    </div>
  );
});

function Reports({ incident, revealed, mayReveal, mayUnmerge, revealError }: {
  incident: IncidentDetailRecord;
  revealed: Record<string, RevealedReporter>;
  mayReveal: boolean;
  mayUnmerge: boolean;
  revealError: string | null;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const now = useNow(60_000);
  return (
    <section className="detail-section" aria-label={t('detail.reports', { count: incident.reports.length })}>
      <h3 className="detail-heading">{t('detail.reports', { count: incident.reports.length })}</h3>
      <ul className="detail-reports">
        {incident.reports.map((report) => {
          const shown = revealed[report.id] ?? report.reporter;
          const merged = report.incidentId !== incident.id;
          return (
            <li key={report.id} className="detail-report" data-testid="detail-report" data-report-id={report.id}>
              <div className="report-line">
                <span className="report-channel">{t(`channel.${report.channel}`)}</span>
                <time>{queueTime(report.receivedAt, now)}</time>
                <span className="report-title">{report.title}</span>
                {merged ? (
                  <span className="report-merged">
                    {t('detail.mergedReport', { id: report.incidentId })}
                    {mayUnmerge ? (
                      <button type="button" className="button button-quiet" data-testid="report-unmerge" onClick={() => void dispatch(issueDetailCommand('incident.unmerge', { incidentId: report.incidentId }))}>
                        {t('detail.actions.unmerge')}
                      </button>
                    ) : null}
                  </span>
                ) : null}
              </div>
              {report.description ? <p className="report-description">{report.description}</p> : null}
              {report.facts ? <ReportFacts facts={report.facts} expired={incident.alertExpiredAt !== null} /> : null}
              {shown && (shown.name || shown.phone) ? (
                <div className="report-reporter">
                  {t('detail.reporter')}：{shown.name ?? ''} <span data-testid="reporter-phone">{shown.phone ?? ''}</span>
                  {mayReveal && !revealed[report.id] && shown.phone ? (
                    <button
                      type="button"
                      className="button button-quiet"
                      data-testid="reveal-phone"
                      title={t('detail.revealHint')}
                      onClick={() => void dispatch(issueDetailCommand('personalData.reveal', { incidentId: incident.id, reportId: report.id }))}
                    >
                      {t('detail.reveal')}
                    </button>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {revealError ? <p className="message message-error" data-testid="action-error">{revealError}</p> : null}
    </section>
  );
}

function Timeline({ incident, journal }: { incident: IncidentDetailRecord; journal: IncidentJournal | null }) {
  const { t, i18n } = useTranslation();
  const now = useNow(60_000);
  const lang = nameLanguage(i18n.language);
  const lines = useMemo(() => {
    if (!journal) return [];
    const names = new Map(incident.assignments.map((a) => [a.unitId, a.unitName]));
    const context = { incidentId: incident.id, actors: journal.actors, unitName: (id: string) => names.get(id) ?? id, lang, now };
    return journal.entries.map((entry) => timelineLine(t, entry, context));
  }, [journal, incident, lang, now, t]);
  return (
    <section className="detail-section" aria-label={t('detail.timeline')}>
      <h3 className="detail-heading">{t('detail.timeline')}</h3>
      {lines.length === 0 ? <p className="hint">{t('detail.noTimeline')}</p> : null}
      <ol className="detail-timeline">
        {lines.map((line) => (
          <li key={line.seq} data-testid="timeline-entry" data-seq={line.seq}>
            <time>{line.time}</time> <span className="timeline-who">{line.who}</span> <span className="timeline-what">{line.what}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Feedback({ incident }: { incident: IncidentDetailRecord }) {
  const { t } = useTranslation();
  const now = useNow(60_000);
  return (
    <section className="detail-section" aria-label={t('detail.feedback')}>
      <h3 className="detail-heading">{t('detail.feedback')}</h3>
      {incident.feedback.length === 0 ? <p className="hint">{t('detail.noFeedback')}</p> : null}
      <ul className="detail-feedback">
        {incident.feedback.map((item, i) => (
          <li key={`${item.at}-${i}`} data-testid="detail-feedback">
            <time>{queueTime(item.at, now)}</time> {item.text}
            {item.settledOnSpot ? <span className="tag">{t('detail.settled')}</span> : null}
            {item.photos.length ? (
              <span className="detail-photos">
                {item.photos.map((photo, n) =>
                  /^(https?:|\/)/.test(photo) ? (
                    <a key={photo} href={photo} target="_blank" rel="noreferrer" title={photo}>
                      <img src={photo} alt={t('detail.photo', { n: n + 1 })} loading="lazy" />
                    </a>
                  ) : (
                    <span key={photo} className="photo-path" title={photo}>{t('detail.photo', { n: n + 1 })}: {photo}</span>
                  ),
                )}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {incident.resolution ? <p><span className="hint">{t('detail.resolution')}：</span>{incident.resolution}</p> : null}
      {incident.rating !== null ? <p className="hint">{t('detail.rating', { rating: incident.rating })}</p> : null}
    </section>
  );
}

export function IncidentDetail() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const selectedId = useAppSelector(selectSelectedIncidentId);
  const detail = useAppSelector(selectDetail);
  const user = useAppSelector(selectUser);
  const town = useDetailTown();
  const lang = nameLanguage(i18n.language);

  useEffect(() => {
    if (selectedId) void dispatch(loadDetail(selectedId));
  }, [dispatch, selectedId]);

  const incident = detail.incident && detail.incident.id === selectedId ? detail.incident : null;
  const lon = incident?.location?.lon;
  const lat = incident?.location?.lat;
  // By value: every refresh brings a new record, and the map must not be redrawn for it.
  const location = useMemo(() => (lon === undefined || lat === undefined ? null : { lon, lat }), [lon, lat]);
  const cameras = useMemo(() => (location ? camerasNear(town.cameras, location) : []), [town.cameras, location]);
  const units = useMemo(() => {
    const names = new Map(incident?.assignments.map((a) => [a.unitId, a.unitName]) ?? []);
    return detail.unitPositions.map((p) => ({ ...p, name: names.get(p.id) ?? p.id }));
  }, [detail.unitPositions, incident]);

  // The areas the incident's CAP alerts cover, drawn under it; by value, as units are.
  const alertAreas = useMemo(() => incident?.reports.flatMap((r) => r.facts?.cap?.areas ?? []) ?? [], [incident?.reports]);

  if (!selectedId) return <p className="hint detail-empty">{t('detail.none')}</p>;
  if (!incident) {
    return (
      <div className="incident-detail" data-testid="incident-detail" data-loading="true">
        {detail.loadError ? (
          <p className="message message-error">{t('detail.loadFailed', { reason: describeError(t, detail.loadError) })}</p>
        ) : (
          <p className="hint">{t('detail.loading')}</p>
        )}
      </div>
    );
  }

  const role = user?.role ?? 'wall';
  const dept = (d: string) => t(`department.${d}`);
  const dispatchAllowed = mayIssue(role, 'incident.dispatch');
  const revealError = detail.action.error && detail.action.errorFor === 'personalData.reveal' ? actionErrorText(t, detail.action.error) : null;
  return (
    <div className="incident-detail" data-testid="incident-detail" data-incident-id={incident.id} data-state={incident.state}>
      <header className="detail-header">
        <div className="detail-title-line">
          <h2 className="detail-title" data-testid="detail-title">{incident.title}</h2>
          <span className={`state-chip state-${incident.state}`} data-testid="detail-state" data-state={incident.state}>
            {t(`state.${incident.state}`)}
          </span>
          <span className={`detail-priority priority-${incident.priority ?? 'none'}`} data-testid="detail-priority">
            {incident.priority ? `${incident.priority} ${t(`map.priority.${incident.priority}`)}` : t('detail.noPriority')}
          </span>
        </div>
        <dl className="detail-facts">
          <dt>{t('detail.id')}</dt>
          <dd className="mono">{incident.id}</dd>
          <dt>{t('detail.category')}</dt>
          <dd>{categoryName(incident.category, lang)}</dd>
          <dt>{t('detail.place')}</dt>
          <dd>{placeText(incident)}</dd>
          <dt>{t('detail.grid')}</dt>
          <dd>{incident.gridId ?? '—'}</dd>
          <dt>{t('detail.lead')}</dt>
          <dd>{incident.lead ? dept(incident.lead) : '—'}</dd>
          <dt>{t('detail.coHandlers')}</dt>
          <dd>{incident.coHandlers.length ? incident.coHandlers.map(dept).join('、') : t('detail.nobody')}</dd>
        </dl>
        <SlaClocks incident={incident} config={town.config?.sla} />
      </header>

      {incident.suspectedDuplicate ? <SuspectedDuplicate suspicion={incident.suspectedDuplicate} /> : null}

      <ActionBar key={incident.id} incident={incident} role={role} config={town.config} />

      {detail.recommendations && dispatchAllowed ? <DispatchPanel recommendations={detail.recommendations} enabled={!detail.action.busy} /> : null}

      <div className="detail-where">
        <section className="detail-section detail-map" aria-label={t('detail.map')}>
          {location ? <MapSnippet basemap={town.basemap} center={location} units={units} cameras={cameras} alertAreas={alertAreas} /> : <p className="hint">{t('detail.noLocation')}</p>}
        </section>
        <section className="detail-section" aria-label={t('detail.cameras')}>
          <h3 className="detail-heading">{t('detail.cameras')}</h3>
          {location ? <NearbyCameras cameras={cameras} /> : null}
        </section>
      </div>

      <Reports
        incident={incident}
        revealed={detail.revealed}
        mayReveal={mayIssue(role, 'personalData.reveal')}
        mayUnmerge={mayIssue(role, 'incident.unmerge') && incident.state !== 'closed'}
        revealError={revealError}
      />
      <Feedback incident={incident} />
      <Timeline incident={incident} journal={detail.journal} />
    </div>
  );
}
