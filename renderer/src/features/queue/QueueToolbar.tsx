// The compact filter bar above the queue: one select per filter (with counts while focused),
// the sort, and how many rows the filters leave.
//
// The counts are only ever seen in an open list, so they are kept only while the bar has
// focus. Rewriting some forty option labels with every batch of entries cost each batch a
// re-render of six selects and, worse, their intrinsic widths (every option shaped again):
// half of the queue's layout time in a burst. Unfocused, the selects hold the whole
// vocabulary without counts and do not change; each select has a fixed width, so focusing
// one moves nothing.
import { forwardRef, memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OPEN_STATES } from '../../../../shared/domain';
import { CATEGORIES } from '../../../../shared/taxonomy';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { nameLanguage } from '../../i18n';
import { usePhrase } from '../../i18n/usePhrase';
import { FILTER_OPTIONS, isFiltered, QUEUE_SORTS, type QueueFacets, type QueueFilters, type QueueSort } from './queueFilters';
import { useQueueSelectors } from './useQueueSelectors';
import { queueFilterChanged, queueFiltersCleared, queueSortChosen, selectOpenCount, selectQueueRegions, selectQueueView } from './queueSlice';

type SelectFilter = Exclude<keyof QueueFilters, 'overdueOnly'>;
const OPTION = ['label', 'count'] as const;
const SHOWN = ['shown', 'total'] as const;

interface Option {
  value: string;
  label: string;
  /** Null while the bar is not focused: nobody can see it. */
  count: number | null;
}

interface Group {
  label: string | null;
  options: Option[];
}

// Memoized on its groups, which change with a batch only while the bar is counting: a
// re-render of the queue around it rebuilds none of its options.
const FilterSelect = memo(function FilterSelect({
  name,
  groups,
  value,
  onChange,
  first,
}: {
  name: SelectFilter;
  groups: Group[];
  value: string;
  onChange: (name: SelectFilter, value: string) => void;
  first?: React.Ref<HTMLSelectElement>;
}) {
  const { t } = useTranslation();
  // Counts change with every batch of entries while the bar is focused.
  const counted = usePhrase('queueBar.option', OPTION);
  const render = (o: Option) => (
    <option key={o.value} value={o.value}>
      {o.count === null ? o.label : counted({ label: o.label, count: o.count })}
    </option>
  );
  return (
    <label className={`queue-filter queue-filter-${name}${value ? ' is-set' : ''}`}>
      <span className="queue-filter-label">{t(`queueBar.filter.${name}`)}</span>
      <select ref={first} data-testid={`queue-filter-${name}`} value={value} onChange={(e) => onChange(name, e.target.value)}>
        <option value="">{t('queueBar.any')}</option>
        {groups.map((g, i) =>
          g.label === null ? g.options.map(render) : (
            <optgroup key={i} label={g.label}>
              {g.options.map(render)}
            </optgroup>
          ),
        )}
      </select>
    </label>
  );
});

export const QueueToolbar = memo(forwardRef<HTMLSelectElement, { shown: number }>(function QueueToolbar({ shown }, firstRef) {
  const { t, i18n } = useTranslation();
  const shownPhrase = usePhrase('queueBar.shown', SHOWN);
  const dispatch = useAppDispatch();
  const view = useAppSelector(selectQueueView);
  const [counting, setCounting] = useState(false);
  // While counting, the counts follow each batch (patched, not recounted) but render when the
  // queue is idle: a burst of entries commits its rows first. The first counts, as the bar
  // takes focus, are not deferred: a list opening on that click shows them.
  const { selectQueueFacets } = useQueueSelectors();
  const live = useAppSelector(counting ? selectQueueFacets : noFacets);
  const deferred = useDeferredValue(live);
  const facets = live && deferred ? deferred : live;
  const regions = useAppSelector(selectQueueRegions);
  const total = useAppSelector(selectOpenCount);
  const lang = nameLanguage(i18n.language);
  const { filters } = view;
  const set = (patch: Partial<QueueFilters>) => dispatch(queueFilterChanged(patch));
  const choose = useCallback((name: SelectFilter, value: string) => dispatch(queueFilterChanged({ [name]: value })), [dispatch]);

  // Option words are looked up once per language; batch by batch only the counts change.
  const words = useMemo(() => {
    const map = (keys: readonly string[], key: (k: string) => string): Record<string, string> => Object.fromEntries(keys.map((k) => [k, t(key(k))]));
    return {
      state: map(FILTER_OPTIONS.state, (s) => `state.${s}`),
      priority: map(FILTER_OPTIONS.priority, (p) => `queueBar.priority.${p}`),
      channel: map(FILTER_OPTIONS.channel, (c) => `channel.${c}`),
      department: map(FILTER_OPTIONS.department, (d) => `department.${d}`),
      regionLevel: { emergency: t('queueBar.regionLevel.emergency'), jointEnforcement: t('queueBar.regionLevel.jointEnforcement') },
      // The bar's own words: it re-renders with every batch (the shown count), they do not change.
      filters: t('queueBar.filters'),
      overdueOnly: t('queueBar.overdueOnly'),
      sort: t('queueBar.sort'),
      sortBy: map(QUEUE_SORTS, (s) => `queueBar.sortBy.${s}`),
      clear: t('queueBar.clear'),
    };
  }, [t, i18n.language]);

  const groups = useMemo(() => {
    // Counting, options with nothing behind them are left out, except the one chosen now.
    const options = (counts: Record<string, number | undefined> | undefined, chosen: string, values: readonly string[], label: (value: string) => string): Option[] => {
      const all = values.includes(chosen) || !chosen ? values : [...values, chosen];
      if (!counts) return all.map((value) => ({ value, label: label(value), count: null }));
      return all.filter((value) => (counts[value] ?? 0) > 0 || value === chosen).map((value) => ({ value, label: label(value), count: counts[value] ?? 0 }));
    };
    const flat = (list: Option[]): Group[] => [{ label: null, options: list }];
    const regionName = new Map(regions.map((r) => [r.id, r.name]));
    const regionGroup = (level: 'emergency' | 'jointEnforcement'): Group => {
      const ids = regions.filter((r) => r.level === level).map((r) => r.id);
      const chosen = ids.includes(filters.region) ? filters.region : '';
      return { label: words.regionLevel[level], options: options(facets?.region, chosen, ids, (id) => regionName.get(id) ?? id) };
    };
    // Codes beyond the taxonomy (an older or newer hub's) still get an option once counted.
    const categoryCodes = [...CATEGORIES.map((c) => c.code), ...Object.keys(facets?.category ?? {}).filter((code) => !CATEGORIES.some((c) => c.code === code))];
    return {
      state: flat(options(facets?.state, filters.state, OPEN_STATES, (s) => words.state[s] ?? s)),
      priority: flat(options(facets?.priority, filters.priority, FILTER_OPTIONS.priority, (p) => words.priority[p] ?? p)),
      channel: flat(options(facets?.channel, filters.channel, FILTER_OPTIONS.channel, (c) => words.channel[c] ?? c)),
      category: flat(options(facets?.category, filters.category, categoryCodes, (code) => CATEGORIES.find((c) => c.code === code)?.[lang] ?? code)),
      region: [regionGroup('emergency'), regionGroup('jointEnforcement')].filter((g) => g.options.length > 0),
      department: flat(options(facets?.department, filters.department, FILTER_OPTIONS.department, (d) => words.department[d] ?? d)),
    } satisfies Record<SelectFilter, Group[]>;
  }, [facets, regions, filters, lang, words]);

  // Counting from the moment a control in the bar is focused (a click focuses a select before
  // its list opens) until focus leaves the bar. A focused control that goes away (the clear
  // button) leaves without a blur, so focus arriving anywhere else ends it too.
  const barRef = useRef<HTMLDivElement>(null);
  const onFocus = useCallback(() => setCounting(true), []);
  const onBlur = useCallback((event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setCounting(false);
  }, []);
  useEffect(() => {
    if (!counting) return;
    const elsewhere = (event: globalThis.FocusEvent) => {
      if (!barRef.current?.contains(event.target as Node | null)) setCounting(false);
    };
    document.addEventListener('focusin', elsewhere);
    return () => document.removeEventListener('focusin', elsewhere);
  }, [counting]);
  const clear = () => {
    dispatch(queueFiltersCleared());
    // The button goes with the filters: keep the keyboard in the bar, on its first filter.
    barRef.current?.querySelector('select')?.focus();
  };

  const names: SelectFilter[] = ['state', 'priority', 'channel', 'category', 'region', 'department'];
  return (
    <div ref={barRef} className="queue-toolbar" role="toolbar" aria-label={words.filters} data-counting={counting} onFocus={onFocus} onBlur={onBlur}>
      {names.map((name, i) => (
        <FilterSelect
          key={name}
          name={name}
          groups={groups[name]}
          value={filters[name]}
          onChange={choose}
          {...(i === 0 ? { first: firstRef } : {})}
        />
      ))}
      <label className={`queue-filter queue-filter-check${filters.overdueOnly ? ' is-set' : ''}`}>
        <input type="checkbox" data-testid="queue-filter-overdue" checked={filters.overdueOnly} onChange={(e) => set({ overdueOnly: e.target.checked })} />
        <span>{words.overdueOnly}</span>
      </label>
      <label className="queue-filter">
        <span className="queue-filter-label">{words.sort}</span>
        <select data-testid="queue-sort" value={view.sort} onChange={(e) => dispatch(queueSortChosen(e.target.value as QueueSort))}>
          {QUEUE_SORTS.map((s) => (
            <option key={s} value={s}>
              {words.sortBy[s]}
            </option>
          ))}
        </select>
      </label>
      <span className="queue-shown" data-testid="queue-shown" data-shown={shown} data-total={total}>
        {shownPhrase({ shown, total })}
      </span>
      {isFiltered(filters) ? (
        <button type="button" className="queue-clear" data-testid="queue-filter-clear" onClick={clear}>
          {words.clear}
        </button>
      ) : null}
    </div>
  );
}));

const noFacets = (): QueueFacets | null => null;
