// The compact filter bar above the queue: one select per filter with its count, the sort,
// and how many rows the filters leave.
import { forwardRef, memo, useCallback, useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES } from '../../../../shared/taxonomy';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { nameLanguage } from '../../i18n';
import { FILTER_OPTIONS, isFiltered, QUEUE_SORTS, type QueueFilters, type QueueSort } from './queueFilters';
import { selectQueueFacets } from './queueSelectors';
import { queueFilterChanged, queueFiltersCleared, queueSortChosen, selectOpenCount, selectQueueRegions, selectQueueView } from './queueSlice';

type SelectFilter = Exclude<keyof QueueFilters, 'overdueOnly'>;

interface Option {
  value: string;
  label: string;
  count: number;
}

interface Group {
  label: string | null;
  options: Option[];
}

// Memoized on its groups: a batch that leaves the counts alone (they follow deferred) or a
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
  const { t, i18n } = useTranslation();
  // The pattern is looked up once: counts change with every batch of entries.
  const pattern = useMemo(() => t('queueBar.option', { label: '\u0001', count: '\u0002' }), [t, i18n.language]);
  const render = (o: Option) => (
    <option key={o.value} value={o.value}>
      {pattern.replace('\u0001', o.label).replace('\u0002', String(o.count))}
    </option>
  );
  return (
    <label className={`queue-filter${value ? ' is-set' : ''}`}>
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
  const dispatch = useAppDispatch();
  const view = useAppSelector(selectQueueView);
  // The counts follow each batch (patched, not recounted) but render when the queue is idle:
  // a burst of entries commits its rows first.
  const facets = useDeferredValue(useAppSelector(selectQueueFacets));
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
    };
  }, [t, i18n.language]);

  const groups = useMemo(() => {
    // Options with nothing behind them are left out, except the one chosen now.
    const keep = (counts: Record<string, number | undefined>, chosen: string) => (value: string) => (counts[value] ?? 0) > 0 || value === chosen;
    const flat = (options: Option[]): Group[] => [{ label: null, options }];
    const regionGroup = (level: 'emergency' | 'jointEnforcement'): Group => ({
      label: words.regionLevel[level],
      options: regions
        .filter((r) => r.level === level)
        .filter((r) => keep(facets.region, filters.region)(r.id))
        .map((r) => ({ value: r.id, label: r.name, count: facets.region[r.id] ?? 0 })),
    });
    return {
      state: flat(FILTER_OPTIONS.state.filter(keep(facets.state, filters.state)).map((s) => ({ value: s, label: words.state[s]!, count: facets.state[s] ?? 0 }))),
      priority: flat(
        FILTER_OPTIONS.priority.filter(keep(facets.priority, filters.priority)).map((p) => ({ value: p, label: words.priority[p]!, count: facets.priority[p] ?? 0 })),
      ),
      channel: flat(
        FILTER_OPTIONS.channel.filter(keep(facets.channel, filters.channel)).map((c) => ({ value: c, label: words.channel[c]!, count: facets.channel[c] ?? 0 })),
      ),
      category: flat(
        [...CATEGORIES.map((c) => c.code), ...Object.keys(facets.category).filter((code) => !CATEGORIES.some((c) => c.code === code))]
          .filter(keep(facets.category, filters.category))
          .map((code) => ({ value: code, label: CATEGORIES.find((c) => c.code === code)?.[lang] ?? code, count: facets.category[code] ?? 0 })),
      ),
      region: [regionGroup('emergency'), regionGroup('jointEnforcement')].filter((g) => g.options.length > 0),
      department: flat(
        FILTER_OPTIONS.department
          .filter(keep(facets.department, filters.department))
          .map((d) => ({ value: d, label: words.department[d]!, count: facets.department[d] ?? 0 })),
      ),
    } satisfies Record<SelectFilter, Group[]>;
  }, [facets, regions, filters, lang, words]);

  const names: SelectFilter[] = ['state', 'priority', 'channel', 'category', 'region', 'department'];
  return (
    <div className="queue-toolbar" role="toolbar" aria-label={t('queueBar.filters')}>
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
        <span>{t('queueBar.overdueOnly')}</span>
      </label>
      <label className="queue-filter">
        <span className="queue-filter-label">{t('queueBar.sort')}</span>
        <select data-testid="queue-sort" value={view.sort} onChange={(e) => dispatch(queueSortChosen(e.target.value as QueueSort))}>
          {QUEUE_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`queueBar.sortBy.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <span className="queue-shown" data-testid="queue-shown" data-shown={shown} data-total={total}>
        {t('queueBar.shown', { shown, total })}
      </span>
      {isFiltered(filters) ? (
        <button type="button" className="queue-clear" data-testid="queue-filter-clear" onClick={() => dispatch(queueFiltersCleared())}>
          {t('queueBar.clear')}
        </button>
      ) : null}
    </div>
  );
}));
