// The address with its autocomplete, the grid and regions of the chosen point, and a map to
// click when the address database does not know the place.
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { describeError } from '../../i18n';
import { draftEdited, selectIntake, suggestClosed, suggestMoved } from './intakeSlice';
import { locateDraft, pickSuggestion, requestSuggestions } from './assistThunks';
import { PickOnMap } from './PickOnMap';

/** Fast enough to follow typing, slow enough not to ask for every keystroke of 振华路88号. */
export const SUGGEST_DEBOUNCE_MS = 120;
const LOCATE_DEBOUNCE_MS = 250;

export function AddressField({ fieldProps }: { fieldProps: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string } }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { draft, suggest, pickedAddress, locate } = useAppSelector(selectIntake);
  const listId = useId();
  const [mapOpen, setMapOpen] = useState(false);
  // An answer that lands after the operator moved on must not open a list over other fields.
  const [focused, setFocused] = useState(false);
  const address = draft.address;

  useEffect(() => {
    // What a pick wrote in is not a query.
    if (address === pickedAddress) return;
    const timer = setTimeout(() => void dispatch(requestSuggestions(address)), SUGGEST_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [address, pickedAddress, dispatch]);

  useEffect(() => {
    const timer = setTimeout(() => void dispatch(locateDraft()), LOCATE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft.lon, draft.lat, dispatch]);

  const open = focused && suggest.open && suggest.items.length > 0;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      dispatch(suggestMoved(event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter' && open) {
      event.preventDefault();
      const row = suggest.items[suggest.active];
      if (row) void dispatch(pickSuggestion(row));
    } else if (event.key === 'Escape' && open) {
      // Handled here: the window's Escape (closing a dialog) must not fire as well.
      event.preventDefault();
      event.stopPropagation();
      dispatch(suggestClosed());
    }
  };

  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div className="field address-field">
      <label htmlFor={fieldProps.id}>{t('intake.address')}</label>
      <div className="address-combo">
        <input
          {...fieldProps}
          value={address}
          onChange={(e) => dispatch(draftEdited({ address: e.target.value }))}
          onKeyDown={onKeyDown}
          onFocus={() => setFocused(true)}
          onBlur={() => {
            setFocused(false);
            dispatch(suggestClosed());
          }}
          data-testid="intake-address"
          maxLength={200}
          autoComplete="off"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open ? optionId(suggest.active) : undefined}
        />
        {open ? (
          <ul className="address-suggestions" id={listId} role="listbox" aria-label={t('intakeAssist.suggestions')}>
            {suggest.ambiguous ? <li className="address-ambiguous" role="presentation">{t('intakeAssist.ambiguous')}</li> : null}
            {suggest.items.map((row, i) => (
              <li
                key={`${row.text}-${i}`}
                id={optionId(i)}
                role="option"
                aria-selected={i === suggest.active}
                className={i === suggest.active ? 'address-suggestion active' : 'address-suggestion'}
                data-testid="address-suggestion"
                // mousedown, not click: the input's blur would close the list first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  void dispatch(pickSuggestion(row));
                }}
              >
                <span className="address-text">{row.text}</span>
                <span className="address-grid">{row.gridId}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {suggest.loading && address.trim() && address !== pickedAddress ? <p className="hint">{t('intakeAssist.searching')}</p> : null}
      {!suggest.loading && !open && suggest.query && address === suggest.query && !suggest.items.length && !suggest.error && address !== pickedAddress ? (
        <p className="hint">{t('intakeAssist.noMatch')}</p>
      ) : null}
      <LocateInfo locate={locate} />
      <div className="address-tools">
        <button type="button" className="button button-quiet" data-testid="pick-on-map" aria-expanded={mapOpen} onClick={() => setMapOpen((v) => !v)}>
          {mapOpen ? t('intakeAssist.closeMap') : t('intakeAssist.pickOnMap')}
        </button>
        <span className="hint">{t('intakeAssist.pickHint')}</span>
      </div>
      {mapOpen ? <PickOnMap /> : null}
      {suggest.error ? <p className="hint message-error">{describeError(t, suggest.error)}</p> : null}
    </div>
  );
}

function LocateInfo({ locate }: { locate: ReturnType<typeof selectIntake>['locate'] }) {
  const { t } = useTranslation();
  if (!locate.at) return null;
  let body;
  if (locate.loading && !locate.result) body = <span className="hint">{t('intakeAssist.locating')}</span>;
  else if (locate.error) body = <span className="message-error">{t('intakeAssist.locateFailed', { reason: describeError(t, locate.error) })}</span>;
  else if (locate.result && !locate.result.grid) body = <span className="message-error">{t('intakeAssist.outsideTown')}</span>;
  else if (locate.result?.grid) {
    const { grid, ancestors } = locate.result;
    body = (
      <>
        <span className="locate-grid">
          {t('intakeAssist.grid')} <strong>{grid.name}</strong>
          {grid.regionHead ? <span className="hint"> · {t('intakeAssist.regionHead', { name: grid.regionHead })}</span> : null}
        </span>
        {ancestors.map((region) => (
          <span key={region.id} className={`locate-region locate-${region.level}`} data-level={region.level}>
            {t(`intakeAssist.level.${region.level}`)} <strong>{region.name}</strong>
          </span>
        ))}
      </>
    );
  } else return null;
  return (
    <p className="locate-info" data-testid="locate-info" data-grid={locate.result?.grid?.id ?? ''} aria-live="polite">
      {body}
    </p>
  );
}
