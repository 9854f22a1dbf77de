// The live queue. Virtualized: a busy night can hold thousands of open incidents, and only
// the rows on screen are in the DOM.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '../../../../shared/domain';
import { categoryName } from '../../../../shared/taxonomy';
import { queueTime } from '../../app/formatTime';
import { useAppSelector } from '../../app/hooks';
import { useNow } from '../../app/useNow';
import { nameLanguage } from '../../i18n';
import { placeText } from './incidentText';
import { ARRIVAL_MARK_MS, selectArrivedAt, selectOpenIncidents, selectQueueLoaded } from './queueSlice';

export type QueueDensity = 'seat' | 'wall';
const ROW_HEIGHT: Record<QueueDensity, number> = { seat: 28, wall: 64 };

interface RowProps {
  incident: Incident;
  arrivedAt: number | undefined;
  now: number;
  lang: 'zh' | 'en';
  top: number;
  height: number;
  index: number;
}

const QueueRow = memo(function QueueRow({ incident, arrivedAt, now, lang, top, height, index }: RowProps) {
  const { t } = useTranslation();
  const [first, ...more] = incident.channels;
  const elapsed = arrivedAt === undefined ? null : Date.now() - arrivedAt;
  const fresh = elapsed !== null && elapsed < ARRIVAL_MARK_MS;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`queue-row${fresh ? ' is-new' : ''}`}
      // A negative delay resumes the fade where it was when a scrolled-away row comes back.
      style={{ transform: `translateY(${top}px)`, height, ...(fresh ? { animationDelay: `-${elapsed}ms` } : {}) }}
      data-testid="queue-row"
      data-incident-id={incident.id}
      data-state={incident.state}
    >
      <span role="cell" className="c-time">{queueTime(incident.createdAt, now)}</span>
      <span role="cell" className="c-channel">
        {first ? t(`channel.${first}`) : '—'}
        {more.length > 0 ? <span className="more">+{more.length}</span> : null}
      </span>
      <span role="cell" className="c-category">{categoryName(incident.category, lang)}</span>
      <span role="cell" className="c-title" title={incident.title}>
        {fresh ? <span className="new-tag">{t('queue.newArrival')}</span> : null}
        {incident.title}
      </span>
      <span role="cell" className="c-place" title={placeText(incident)}>{placeText(incident)}</span>
      <span role="cell" className="c-state">
        <span className={`state-chip state-${incident.state}`}>{t(`state.${incident.state}`)}</span>
      </span>
      <span role="cell" className="c-id">{incident.id}</span>
    </div>
  );
});

export function IncidentQueue({ density = 'seat' }: { density?: QueueDensity }) {
  const { t, i18n } = useTranslation();
  const incidents = useAppSelector(selectOpenIncidents);
  const arrivedAt = useAppSelector(selectArrivedAt);
  const loaded = useAppSelector(selectQueueLoaded);
  // Minute resolution is enough to roll "today" over at midnight.
  const now = useNow(60_000);
  const lang = nameLanguage(i18n.language);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowHeight = ROW_HEIGHT[density];

  const virtualizer = useVirtualizer({
    count: incidents.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey: (index) => incidents[index]?.id ?? index,
    overscan: 10,
  });

  return (
    <div
      className={`queue queue-${density}`}
      role="table"
      aria-label={t('queue.title')}
      aria-rowcount={incidents.length + 1}
      data-testid="incident-queue"
    >
      <div role="rowgroup" className="queue-head">
        <div role="row" aria-rowindex={1} className="queue-row queue-header">
          <span role="columnheader" className="c-time">{t('queue.time')}</span>
          <span role="columnheader" className="c-channel">{t('queue.channel')}</span>
          <span role="columnheader" className="c-category">{t('queue.category')}</span>
          <span role="columnheader" className="c-title">{t('queue.titleColumn')}</span>
          <span role="columnheader" className="c-place">{t('queue.place')}</span>
          <span role="columnheader" className="c-state">{t('queue.state')}</span>
          <span role="columnheader" className="c-id">{t('queue.id')}</span>
        </div>
      </div>
      {/* Focusable so the keyboard can scroll it; rows themselves are not tab stops. */}
      <div className="queue-scroll" ref={scrollRef} tabIndex={density === 'seat' ? 0 : -1} role="rowgroup">
        {incidents.length === 0 ? (
          <div className="queue-empty">{loaded ? t('queue.empty') : t('queue.loading')}</div>
        ) : (
          <div className="queue-canvas" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const incident = incidents[item.index];
              if (!incident) return null;
              return (
                <QueueRow
                  key={item.key}
                  incident={incident}
                  arrivedAt={arrivedAt[incident.id]}
                  now={now}
                  lang={lang}
                  top={item.start}
                  height={rowHeight}
                  index={item.index}
                />
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

export function OpenCount() {
  const { t } = useTranslation();
  const count = useAppSelector((state) => state.queue.ids.length);
  return (
    <span className="open-count" data-testid="open-count" data-count={count}>
      {t('queue.openCount', { count })}
    </span>
  );
}
