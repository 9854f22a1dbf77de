// The board's live panels, sized to be read from five metres: the queue with each row's
// SLA countdown, open incidents per emergency region, and a ticker of the newest arrivals.
// The incident the commander has pushed to the wall is highlighted in the queue.
import { memo, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '../../../../shared/domain';
import { categoryName } from '../../../../shared/taxonomy';
import { queueTime } from '../../app/formatTime';
import { useAppSelector } from '../../app/hooks';
import { useNow } from '../../app/useNow';
import { nameLanguage } from '../../i18n';
import { placeText } from '../queue/incidentText';
import { useOpenIncidents } from '../queue/useQueueSelectors';
import { selectWallFocus } from '../wallFocus/wallFocusSlice';
import { boardOrder, countdownText, countsByRegion, nextDeadline, type NextDeadline, type RegionNode } from './boardFigures';
import { useItemsThatFit, useRowsThatFit } from './boardFit';
import './board.css';

/** A row's height and the "N more" line's, in design px (board.css keeps them). */
const ROW_HEIGHT = 64;
const MORE_HEIGHT = 44;
/** A countdown turns amber this close to its deadline. */
const WARN_MS = 5 * 60_000;

const BoardRow = memo(function BoardRow({ record, next, now, focused, lang }: {
  record: Incident;
  next: NextDeadline | null;
  now: number;
  focused: boolean;
  lang: 'zh' | 'en';
}) {
  const { t } = useTranslation();
  const left = next ? next.deadline - now : null;
  const tone = left === null ? '' : left < 0 ? ' sla-overdue' : left < WARN_MS ? ' sla-warn' : '';
  return (
    <div
      className={`board-row${focused ? ' is-focused' : ''}`}
      data-testid="queue-row"
      data-incident-id={record.id}
      data-focused={focused}
      role="row"
    >
      <span className={`board-priority priority-${record.priority ?? 'none'}`}>{record.priority ?? '—'}</span>
      <span className="board-title">
        {/* Its own box: an ellipsis shows on an element that clips, not on a flex container's text. */}
        <span className="board-title-text">{record.title}</span>
        <small>
          {categoryName(record.category, lang)} · {placeText(record)}
        </small>
      </span>
      <span className="board-state">{t(`state.${record.state}`)}</span>
      <span className="board-reports">×{record.reportCount}</span>
      <span className={`board-sla${tone}`} data-testid="board-sla">
        {next && left !== null ? (
          <>
            <small>{t(`board.sla.${next.clock}`)}</small>
            {countdownText(left)}
          </>
        ) : (
          '—'
        )}
      </span>
    </div>
  );
});

/** Rows and their countdowns from the live queue's records, folded from the stream; as many as fit, the rest counted. */
export function BoardQueue({ scale }: { scale: number }) {
  const { t, i18n } = useTranslation();
  const now = useNow(1_000);
  const focusId = useAppSelector(selectWallFocus).incidentId;
  const incidents = useOpenIncidents();
  const rows = useMemo(() => boardOrder(incidents.map((incident) => ({ incident, next: nextDeadline(incident) }))), [incidents]);
  const lang = nameLanguage(i18n.language);
  const tableRef = useRef<HTMLDivElement>(null);
  const fit = useRowsThatFit(tableRef, scale, ROW_HEIGHT, MORE_HEIGHT);
  // The focused incident is always on screen, first.
  const focused = rows.find((row) => row.incident.id === focusId);
  const ordered = focused ? [focused, ...rows.filter((row) => row !== focused)] : rows;
  // All of them when all fit without the "more" line, else as many as fit above it.
  const shown = ordered.slice(0, fit);
  return (
    <div ref={tableRef} className="board-table" role="table" aria-label={t('queue.title')} data-testid="board-queue" data-focus-id={focusId ?? ''} data-rows-fit={fit}>
      {shown.map(({ incident, next }) => (
        <BoardRow key={incident.id} record={incident} next={next} now={now} focused={incident.id === focusId} lang={lang} />
      ))}
      {rows.length > shown.length && <div className="board-more">{t('board.more', { count: rows.length - shown.length })}</div>}
    </div>
  );
}

export function RegionCounts({ regions }: { regions: RegionNode[] }) {
  const { t } = useTranslation();
  const records = useOpenIncidents();
  const counts = useMemo(() => countsByRegion(records, regions), [records, regions]);
  return (
    <section className="board-regions" aria-label={t('board.byRegion')} data-testid="board-regions">
      <h2>{t('board.byRegion')}</h2>
      {counts.map((region) => (
        <div key={region.id} className="region-count" data-testid="region-count" data-count={region.count}>
          <span>{region.name}</span>
          <strong>{region.count}</strong>
        </div>
      ))}
    </section>
  );
}

const TICKER_SIZE = 6;

export function ArrivalTicker() {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000);
  const newest = useOpenIncidents().slice(0, TICKER_SIZE);
  const lang = nameLanguage(i18n.language);
  const itemsRef = useRef<HTMLDivElement>(null);
  // Measured again when the items change, not on every render the board's batches cause.
  const fit = useItemsThatFit(itemsRef, newest.length, newest.map((incident) => `${incident.id}:${incident.title}`).join('|'));
  return (
    <section className="board-ticker" aria-label={t('board.ticker')} aria-live="polite" data-testid="board-ticker">
      <h2>{t('board.ticker')}</h2>
      <div ref={itemsRef} className="ticker-items" data-items-fit={fit}>
        {newest.map((incident) => (
          <span key={incident.id} className="ticker-item">
            <time>{queueTime(incident.createdAt, now)}</time> {incident.title}
            <small> · {categoryName(incident.category, lang)}</small>
          </span>
        ))}
      </div>
    </section>
  );
}
