// The live queue. Virtualized: a busy night can hold thousands of open incidents, and only
// the rows on screen are in the DOM (./rowWindow.ts: one row height, so which rows those are
// is arithmetic on the scroll offset). Rows are memoized on their record; the SLA countdown
// is its own small component on the shared 1 s ticker, so a tick re-renders those cells
// and nothing else.
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { CHANNELS, INCIDENT_STATES, PRIORITIES } from '../../../../shared/domain';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { SLA_CLOCKS, type IncidentRecord, type SlaClock, type SuspectedDuplicate } from '../../../../shared/incident/model';
import type { SlaConfig } from '../../../../shared/sla';
import { categoryName } from '../../../../shared/taxonomy';
import { townTimeZone } from '../../../../shared/time';
import { clockTime, queueTime } from '../../app/formatTime';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useHotkeys } from '../../app/hotkeys';
import { INSTRUMENTED } from '../../app/instrumented';
import { journalEntriesApplied } from '../../app/journalActions';
import { useNow } from '../../app/useNow';
import { nameLanguage } from '../../i18n';
import { phraseOf, usePhrase } from '../../i18n/usePhrase';
import { actionRequested } from '../detail/detailSlice';
import { incidentSelected, selectSelectedIncidentId } from '../selection/selectionSlice';
import { useArrivalSound } from './arrivalSound';
import { placeText } from './incidentText';
import { slaDue, slaLeftText, slaTone, topCategory, type SlaDue } from './queueFilters';
import { queueKeyAction } from './queueKeys';
import { QueueToolbar } from './QueueToolbar';
import { useRowWindow } from './rowWindow';
import { useQueueSelectors } from './useQueueSelectors';
import './queue.css';
import {
  ARRIVAL_MARK_MS,
  arrivalsSeen,
  selectArrivedAt,
  selectOpenCount,
  selectQueueLoaded,
  selectQueueSla,
  selectUnseenArrivals,
} from './queueSlice';
import { loadQueueContext } from './queueThunks';

/** What bench/queue.ts drives (instrumented build only): a batch through the real action, slice, listeners and component. */
export interface QueueBenchHook {
  /** Folds `entries`: the milliseconds to apply them and commit React, then to recalculate style and lay out. */
  fold(entries: JournalEntry[]): { commit: number; layout: number };
  rowCount(): number;
}

export type QueueDensity = 'seat' | 'wall';
const ROW_HEIGHT: Record<QueueDensity, number> = { seat: 46, wall: 64 };

const rowDomId = (id: string) => `queue-row-${id}`;
const COUNT = ['count'] as const;
const SLA_TITLE = ['clock', 'deadline'] as const;

/** `lookup` answered once per argument: rows re-render with every batch that shifts them. */
function remembered<A, R>(lookup: (arg: A) => R): (arg: A) => R {
  const seen = new Map<A, R>();
  return (arg) => {
    if (!seen.has(arg)) seen.set(arg, lookup(arg));
    return seen.get(arg)!;
  };
}

/** `lookup` answered once per object, for as long as the object lives. */
function weakRemembered<A extends object, R>(lookup: (arg: A) => R): (arg: A) => R {
  const seen = new WeakMap<A, R>();
  return (arg) => {
    if (!seen.has(arg)) seen.set(arg, lookup(arg));
    return seen.get(arg)!;
  };
}

/**
 * Every word a row shows, looked up once per language: i18next's lookups were the largest
 * JS cost of mounting rows while scrolling.
 */
function useRowLabels() {
  const { t, i18n } = useTranslation();
  const timeZone = townTimeZone();
  return useMemo(() => {
    // Every row re-renders its countdown each second and with each batch that lands on it: a
    // lookup with interpolation and a new time formatter per cell was most of that render.
    const slaTitle = phraseOf(t, 'queueBar.slaTitle', SLA_TITLE);
    const map = <K extends string>(keys: readonly K[], key: (k: K) => string) => Object.fromEntries(keys.map((k) => [k, t(key(k))])) as Record<K, string>;
    const lang = nameLanguage(i18n.language);
    const action = remembered((type: string) => t(`queueBar.action.${type}`, { defaultValue: type }));
    const reports = remembered((count: number) => t('queueBar.reports', { count }));
    // A row's texts, computed once per record version (records are immutable) and, for the
    // time, per minute: a batch that shifts every row on screen re-renders them all, and
    // formatting each one's time and place anew was most of their render.
    const texts = new WeakMap<IncidentRecord, RowTexts>();
    const rowTexts = (record: IncidentRecord, now: number): RowTexts => {
      const held = texts.get(record);
      if (held?.now === now) return held;
      const fresh: RowTexts = held
        ? { ...held, now, time: queueTime(record.createdAt, now) }
        : {
            now,
            time: queueTime(record.createdAt, now),
            place: placeText(record),
            category: categoryName(topCategory(record.category), lang),
            action: action(record.lastAction),
            reports: reports(record.reportCount),
          };
      texts.set(record, fresh);
      return fresh;
    };
    const clock = map(SLA_CLOCKS, (c) => `queueBar.clock.${c}`);
    return {
      lang,
      rowTexts,
      priority: map([...PRIORITIES, 'none'] as const, (p) => `queueBar.priority.${p}`),
      state: map(INCIDENT_STATES, (s) => `state.${s}`),
      channel: map(CHANNELS, (c) => `channel.${c}`),
      glyph: map(CHANNELS, (c) => `queueBar.glyph.${c}`),
      newArrival: t('queue.newArrival'),
      suspected: t('queue.suspected'),
      // Only suspected rows ask, and a suspicion is one per record version.
      suspectedTitle: weakRemembered((s: SuspectedDuplicate) => t('queue.suspectedTitle', { id: s.of, score: s.score.toFixed(2) })),
      clock,
      // Per deadline (slaDue answers the same object for a record), not per tick; no t() here,
      // as each new record brings a new deadline.
      slaTitle: weakRemembered((due: SlaDue) => slaTitle({ clock: clock[due.clock], deadline: clockTime(due.deadline) })),
      slaOverdue: Object.fromEntries(SLA_CLOCKS.map((c) => [c, t('queueBar.slaOverdue', { clock: t(`queueBar.clock.${c}`) })])) as Record<SlaClock, string>,
      noSla: t('queueBar.noSla'),
    };
  }, [t, i18n.language, timeZone]);
}
type RowLabels = ReturnType<typeof useRowLabels>;

/** What a row shows that takes formatting, kept per record (see useRowLabels). */
interface RowTexts {
  /** The minute `time` was written for. */
  now: number;
  time: string;
  place: string;
  category: string;
  action: string;
  reports: string;
}

function SlaCell({ record, sla, labels }: { record: IncidentRecord; sla: SlaConfig; labels: RowLabels }) {
  const now = useNow(1_000);
  const due = slaDue(record, sla);
  if (!due) return <span className="q-sla q-sla-none">{labels.noSla}</span>;
  const tone = slaTone(due, now);
  const clock = labels.clock[due.clock];
  const title = tone === 'overdue' ? labels.slaOverdue[due.clock] : labels.slaTitle(due);
  return (
    <span className={`q-sla q-sla-${tone}`} title={title} data-testid="queue-sla" data-tone={tone} data-clock={due.clock}>
      <small>{clock}</small>
      {slaLeftText(due, now)}
    </span>
  );
}

interface RowProps {
  record: IncidentRecord;
  arrivedAt: number | undefined;
  sla: SlaConfig;
  labels: RowLabels;
  top: number;
  height: number;
  index: number;
  selected: boolean;
  active: boolean;
  onPick: (id: string) => void;
}

const QueueRow = memo(function QueueRow({ record, arrivedAt, sla, labels, top, height, index, selected, active, onPick }: RowProps) {
  // Minute resolution is enough to roll "today" over at midnight.
  const now = useNow(60_000);
  const elapsed = arrivedAt === undefined ? null : Date.now() - arrivedAt;
  const fresh = elapsed !== null && elapsed < ARRIVAL_MARK_MS;
  const priority = record.priority ?? 'none';
  const texts = labels.rowTexts(record, now);
  return (
    <div
      role="row"
      id={rowDomId(record.id)}
      aria-rowindex={index + 1}
      aria-selected={selected}
      className={`queue-row q-row${fresh ? ' is-new' : ''}${selected ? ' is-selected' : ''}${active ? ' is-active' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      data-testid="queue-row"
      data-incident-id={record.id}
      data-state={record.state}
      data-priority={priority}
      onClick={() => onPick(record.id)}
    >
      {fresh ? (
        // Keyed by incident, not part of the row: the row element stays while the incidents it
        // shows change, and each arrival must start its own fade. A negative delay resumes the
        // fade where it was when a scrolled-away row comes back.
        <span key={record.id} className="q-arrival" style={{ animationDelay: `-${elapsed}ms` }} aria-hidden="true" />
      ) : null}
      <span role="gridcell" className="q-line q-line-1">
        <span className={`q-priority q-priority-${priority}`} title={labels.priority[priority]}>
          {record.priority ?? '—'}
        </span>
        <SlaCell record={record} sla={sla} labels={labels} />
        <span className="q-title" title={record.title}>
          {fresh ? <span className="new-tag">{labels.newArrival}</span> : null}
          {record.suspectedDuplicate ? (
            <span className="suspected-tag" data-testid="queue-suspected" title={labels.suspectedTitle(record.suspectedDuplicate)}>
              {labels.suspected}
            </span>
          ) : null}
          {record.title}
        </span>
        <span className="q-reports" title={texts.reports} data-testid="queue-report-count">
          ×{record.reportCount}
        </span>
        <span className={`state-chip state-${record.state}`}>{labels.state[record.state]}</span>
      </span>
      <span role="gridcell" className="q-line q-line-2">
        <span className="q-time">{texts.time}</span>
        <span className="q-channels" data-testid="queue-channels">
          {record.channels.map((channel) => (
            <abbr key={channel} className={`q-glyph q-glyph-${channel}`} title={labels.channel[channel]}>
              {labels.glyph[channel]}
            </abbr>
          ))}
        </span>
        <span className="q-category">{texts.category}</span>
        <span className="q-place" title={texts.place}>{texts.place}</span>
        <span className="q-action" data-testid="queue-last-action">{texts.action}</span>
        <span className="q-id">{record.id}</span>
      </span>
    </div>
  );
});

interface QueueBarProps {
  unseen: number;
  shown: number;
  onShowNew: () => void;
  filterRef: RefObject<HTMLSelectElement | null>;
}

/** The new-arrivals counter, the sound switch and the filters; memoized, so a scroll frame leaves it alone. */
const QueueBar = memo(function QueueBar({ unseen, shown, onShowNew, filterRef }: QueueBarProps) {
  const { t } = useTranslation();
  const newArrivals = usePhrase('queueBar.newArrivals', COUNT);
  const sound = useArrivalSound();
  // Looked up once: the bar re-renders with every batch that brings arrivals.
  const words = useMemo(
    () => ({
      newArrivalsHint: t('queueBar.newArrivalsHint'),
      keysHint: t('queueBar.keysHint'),
      soundOn: t('queueBar.soundOn'),
      soundOff: t('queueBar.soundOff'),
      sound: t('queueBar.sound'),
      on: t('queueBar.on'),
      off: t('queueBar.off'),
      focusQueue: t('queueBar.focusQueue'),
    }),
    [t],
  );
  return (
    <div className="queue-bar">
      <div className="queue-bar-line">
        {unseen > 0 ? (
          <button type="button" className="queue-new-count" data-testid="queue-new-count" data-count={unseen} title={words.newArrivalsHint} onClick={onShowNew}>
            {newArrivals({ count: unseen })}
          </button>
        ) : null}
        <span className="queue-keys hint">{words.keysHint}</span>
        <button
          type="button"
          className={`queue-sound${sound.on ? ' is-on' : ''}`}
          data-testid="queue-sound"
          aria-pressed={sound.on}
          title={sound.on ? words.soundOn : words.soundOff}
          onClick={sound.toggle}
        >
          {words.sound} {sound.on ? words.on : words.off}
        </button>
        <span className="queue-focus-hint" title={words.focusQueue}>
          <kbd>F3</kbd>
        </span>
      </div>
      <QueueToolbar ref={filterRef} shown={shown} />
    </div>
  );
});

export function IncidentQueue({ density = 'seat' }: { density?: QueueDensity }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const interactive = density === 'seat';
  // Only the overdue filter needs the list to follow the clock (see selectQueueRows).
  const overdueOnly = useAppSelector((state) => state.queue.view.filters.overdueOnly);
  const now = useNow(overdueOnly ? 1_000 : 60_000);
  const { selectQueueRows } = useQueueSelectors();
  const rows = useAppSelector((state) => selectQueueRows(state, now));
  const arrivedAt = useAppSelector(selectArrivedAt);
  const loaded = useAppSelector(selectQueueLoaded);
  const total = useAppSelector(selectOpenCount);
  const sla = useAppSelector(selectQueueSla);
  const selectedId = useAppSelector(selectSelectedIncidentId);
  const unseen = useAppSelector(selectUnseenArrivals);
  const labels = useRowLabels();
  const scrollRef = useRef<HTMLDivElement>(null);
  const filterRef = useRef<HTMLSelectElement>(null);
  const rowHeight = ROW_HEIGHT[density];
  const [cursorId, setCursorId] = useState<string | null>(null);

  useEffect(() => {
    if (interactive) void dispatch(loadQueueContext());
  }, [dispatch, interactive]);

  // Rows beyond the edge are laid out with every batch too; five hide a wheel step's edge.
  const rowWindow = useRowWindow(scrollRef, rows.length, rowHeight, 5);

  const cursor = useMemo(() => (cursorId === null ? -1 : rows.findIndex((r) => r.id === cursorId)), [rows, cursorId]);

  const pick = useCallback(
    (id: string) => {
      setCursorId(id);
      dispatch(incidentSelected(id));
    },
    [dispatch],
  );

  const focusQueue = useCallback(() => {
    scrollRef.current?.focus();
  }, []);

  useHotkeys([{ combo: 'F3', labelKey: 'queueBar.focusQueue', run: focusQueue, enabled: interactive }]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const page = Math.max(1, Math.floor((rowWindow.viewport || rowHeight) / rowHeight) - 1);
    const action = queueKeyAction(event, cursor, rows.length, page);
    if (action.kind === 'none') return;
    event.preventDefault();
    if (action.kind === 'focusFilter') filterRef.current?.focus();
    else if (action.kind === 'select') {
      const row = rows[cursor];
      if (row) dispatch(incidentSelected(row.id));
    } else if (action.kind === 'act') {
      // Shown, then acted on by the detail's action bar: the same checks, keys and messages.
      const row = rows[cursor];
      if (row) {
        dispatch(incidentSelected(row.id));
        dispatch(actionRequested({ incidentId: row.id, command: action.command }));
      }
    } else {
      const row = rows[action.index];
      if (row) {
        setCursorId(row.id);
        rowWindow.scrollToIndex(action.index);
      }
    }
  };

  // A hook for the bench, in the instrumented build only: a batch applied synchronously, so its cost is measurable end to end.
  useEffect(() => {
    if (!INSTRUMENTED || !interactive) return;
    const hook: QueueBenchHook = {
      fold: (entries) => {
        const started = performance.now();
        flushSync(() => dispatch(journalEntriesApplied(entries, Date.now())));
        const committed = performance.now();
        void scrollRef.current?.getBoundingClientRect();
        void scrollRef.current?.querySelector('[data-testid="queue-row"]')?.getBoundingClientRect();
        return { commit: committed - started, layout: performance.now() - committed };
      },
      rowCount: () => scrollRef.current?.querySelectorAll('[data-testid="queue-row"]').length ?? 0,
    };
    (window as unknown as { __dutydeckQueue?: QueueBenchHook }).__dutydeckQueue = hook;
    return () => {
      delete (window as unknown as { __dutydeckQueue?: QueueBenchHook }).__dutydeckQueue;
    };
  }, [dispatch, interactive]);

  const showNew = useCallback(() => {
    dispatch(arrivalsSeen());
    scrollRef.current?.scrollTo({ top: 0 });
  }, [dispatch]);

  const activeId = cursor >= 0 ? rows[cursor]?.id : undefined;
  return (
    <div className={`queue queue-${density}`} data-testid="incident-queue">
      {interactive ? <QueueBar unseen={unseen} shown={rows.length} onShowNew={showNew} filterRef={filterRef} /> : null}
      <div
        className="queue-scroll"
        ref={scrollRef}
        tabIndex={interactive ? 0 : -1}
        role="grid"
        aria-label={t('queue.title')}
        aria-rowcount={rows.length}
        aria-activedescendant={activeId ? rowDomId(activeId) : undefined}
        data-testid="queue-list"
        onKeyDown={interactive ? onKeyDown : undefined}
        onFocus={interactive && unseen > 0 ? () => dispatch(arrivalsSeen()) : undefined}
      >
        {rows.length === 0 ? (
          <div className="queue-empty">{!loaded ? t('queue.loading') : total > 0 ? t('queueBar.noMatch') : t('queue.empty')}</div>
        ) : (
          <div className="queue-canvas" role="rowgroup" style={{ height: rowWindow.totalHeight }}>
            {rows.slice(rowWindow.first, rowWindow.end).map((record, offset) => {
              const index = rowWindow.first + offset;
              // Keyed by position, not by incident: new reports enter at the top of the default
              // order and shift every row down, so keyed by incident each batch unmounted the
              // rows on screen and built them again (every element restyled, every layout object
              // rebuilt). By position, the same elements stay and only what changed is patched.
              return (
                <QueueRow
                  key={index}
                  record={record}
                  arrivedAt={arrivedAt[record.id]}
                  sla={sla}
                  labels={labels}
                  top={index * rowHeight}
                  height={rowHeight}
                  index={index}
                  selected={record.id === selectedId}
                  active={record.id === activeId}
                  onPick={pick}
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
  const phrase = usePhrase('queue.openCount', COUNT);
  const count = useAppSelector(selectOpenCount);
  return (
    <span className="open-count" data-testid="open-count" data-count={count}>
      {phrase({ count })}
    </span>
  );
}
