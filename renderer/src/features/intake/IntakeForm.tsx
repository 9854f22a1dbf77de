import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel } from '../../../../shared/domain';
import { CATEGORIES } from '../../../../shared/taxonomy';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useHotkeys } from '../../app/hotkeys';
import { describeError, nameLanguage } from '../../i18n';
import { AddressField } from './AddressField';
import { requestDuplicates, submitAndMerge } from './assistThunks';
import { DuplicatePanel, MERGE_KEYS } from './DuplicatePanel';
import { draftEdited, outcomeUnknown, selectIntake } from './intakeSlice';
import { submitIntake } from './intakeThunks';
import type { IntakeDraft } from './reportPayload';
import './intake.css';

/** Asking for duplicates is heavier than a geocode: wait for a pause in the typing. */
const DUPLICATES_DEBOUNCE_MS = 400;

type TextField = Exclude<keyof IntakeDraft, 'channel'>;

/** The payload path a server or local error names → the draft field to mark. */
const FIELD_OF_PATH: Record<string, TextField> = {
  'payload.category': 'category',
  'payload.title': 'title',
  'payload.description': 'description',
  'payload.address': 'address',
  'payload.location': 'address',
  'payload.location.lon': 'lon',
  'payload.location.lat': 'lat',
  'payload.reporter.name': 'reporterName',
  'payload.reporter.phone': 'reporterPhone',
};

export function IntakeForm() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const { draft, status, accepted, error, pendingKey, duplicates, merge } = useAppSelector(selectIntake);
  const titleRef = useRef<HTMLInputElement>(null);
  const [focusInside, setFocusInside] = useState(false);
  const id = useId();
  const lang = nameLanguage(i18n.language);
  const submitting = status === 'submitting';
  const badField = error?.path ? FIELD_OF_PATH[error.path] : undefined;

  // After a call is taken in, the next one starts at the title; channel and category stay.
  useEffect(() => {
    if (status === 'accepted') titleRef.current?.focus();
  }, [status, accepted]);

  const edit = (field: keyof IntakeDraft) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
    dispatch(draftEdited({ [field]: event.target.value } as Partial<IntakeDraft>));
  };
  const submit = () => void dispatch(submitIntake());
  const mergeInto = (incidentId: string) => void dispatch(submitAndMerge(incidentId));

  // Everything the hub compares, and nothing else, restarts the wait.
  const { category, title, description, address, lon, lat, reporterPhone, channel } = draft;
  useEffect(() => {
    const timer = setTimeout(() => void dispatch(requestDuplicates()), DUPLICATES_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [category, title, description, address, lon, lat, reporterPhone, channel, dispatch]);

  const candidates = duplicates.items;
  const canMerge = !submitting && candidates.length > 0;
  useHotkeys([
    { combo: 'F2', labelKey: 'intakeAssist.hotkeyFocus', run: () => titleRef.current?.focus() },
    { combo: 'Ctrl+Enter', labelKey: 'intakeAssist.hotkeySubmit', run: submit, enabled: focusInside && !submitting },
    { combo: 'Alt+M', labelKey: 'intakeAssist.hotkeyMerge', run: () => candidates[0] && mergeInto(candidates[0].incidentId), enabled: canMerge },
    ...Array.from({ length: MERGE_KEYS }, (_, i) => ({
      combo: `Alt+${i + 1}`,
      labelKey: `intakeAssist.hotkeyMerge${i + 1}`,
      run: () => {
        const target = candidates[i];
        if (target) mergeInto(target.incidentId);
      },
      enabled: canMerge && candidates.length > i,
    })),
  ]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };
  const fieldProps = (field: TextField) => ({
    id: `${id}-${field}`,
    value: draft[field],
    onChange: edit(field),
    'aria-invalid': badField === field ? true : undefined,
    'aria-describedby': badField === field ? `${id}-error` : undefined,
  });

  const addressProps = {
    id: `${id}-address`,
    'aria-invalid': badField === 'address' ? true : undefined,
    'aria-describedby': badField === 'address' ? `${id}-error` : undefined,
  };

  return (
    <>
    <form
      className="intake"
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      onFocus={() => setFocusInside(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocusInside(false);
      }}
      aria-labelledby={`${id}-heading`}
      noValidate
    >
      <h2 id={`${id}-heading`} className="panel-title">
        {t('intake.title')} <kbd className="title-kbd">F2</kbd>
      </h2>

      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-channel`}>{t('intake.channel')}</label>
          <select
            id={`${id}-channel`}
            data-testid="intake-channel"
            value={draft.channel}
            onChange={(e) => dispatch(draftEdited({ channel: e.target.value as Channel }))}
          >
            {CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {t(`channel.${channel}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-category`}>{t('intake.category')}</label>
          <select {...fieldProps('category')} data-testid="intake-category" required>
            <option value="" disabled>
              —
            </option>
            {CATEGORIES.map((category) => (
              <option key={category.code} value={category.code}>
                {category[lang]}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="field">
        <label htmlFor={`${id}-title`}>{t('intake.incidentTitle')}</label>
        <input {...fieldProps('title')} ref={titleRef} data-testid="intake-title" maxLength={120} required autoComplete="off" />
      </div>

      <div className="field">
        <label htmlFor={`${id}-description`}>{t('intake.description')}</label>
        <textarea {...fieldProps('description')} data-testid="intake-description" rows={3} maxLength={4000} />
      </div>

      <AddressField fieldProps={addressProps} />

      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-lon`}>{t('intake.lon')}</label>
          <input {...fieldProps('lon')} data-testid="intake-lon" inputMode="decimal" autoComplete="off" placeholder="120.08" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-lat`}>{t('intake.lat')}</label>
          <input {...fieldProps('lat')} data-testid="intake-lat" inputMode="decimal" autoComplete="off" placeholder="30.33" />
        </div>
      </div>
      <p className="hint">{t('intake.coordinatesHint')}</p>

      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-reporterName`}>{t('intake.reporterName')}</label>
          <input {...fieldProps('reporterName')} data-testid="intake-reporter-name" maxLength={64} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-reporterPhone`}>{t('intake.reporterPhone')}</label>
          <input {...fieldProps('reporterPhone')} data-testid="intake-reporter-phone" type="tel" maxLength={32} autoComplete="off" />
        </div>
      </div>

      <div className="intake-actions">
        <button type="submit" className="button button-primary" data-testid="intake-submit" disabled={submitting} aria-keyshortcuts="Control+Enter">
          {submitting ? t('intake.submitting') : t('intake.submit')} <kbd>{t('intake.shortcut')}</kbd>
        </button>
      </div>

      <div className="intake-feedback" role="status" aria-live="polite">
        {status === 'accepted' && accepted?.outboxId !== undefined ? (
          <p className="message message-pending" data-testid="intake-pending" data-outbox-id={accepted.outboxId}>
            {t('outbox.intakePending', { id: accepted.outboxId })}
          </p>
        ) : status === 'accepted' && accepted ? (
          <p className="message message-ok" data-testid="intake-result" data-incident-id={accepted.incidentId ?? ''}>
            {accepted.incidentId ? t('intake.accepted', { id: accepted.incidentId }) : t('intake.acceptedNoId')}
          </p>
        ) : null}
        {merge.done ? (
          <p
            className={merge.done.merged ? 'message message-ok' : 'message message-error'}
            data-testid="merge-result"
            data-into={merge.done.into}
            data-incident-id={merge.done.incidentId}
            data-merged={merge.done.merged}
          >
            {merge.done.merged
              ? merge.done.queued
                ? t('intakeAssist.mergeQueued', { into: merge.done.into })
                : t('intakeAssist.merged', { into: merge.done.into, id: merge.done.incidentId })
              : t('intakeAssist.mergeRefused', { id: merge.done.incidentId, into: merge.done.into, reason: merge.error ? describeError(t, merge.error) : '' })}
          </p>
        ) : null}
      </div>
      {status === 'rejected' && error ? (
        <p className="message message-error" role="alert" id={`${id}-error`} data-testid="intake-error" data-code={error.code}>
          {error.code === 'invalid' && error.path === 'payload.location' ? t('intake.needPlace') : describeError(t, error)}
          {pendingKey && outcomeUnknown(error) ? <span className="hint"> {t('intake.retryHint')}</span> : null}
          {merge.status === 'failed' && outcomeUnknown(error) && merge.incidentId !== null ? <span className="hint"> {t('intakeAssist.mergeRetryHint')}</span> : null}
        </p>
      ) : null}
    </form>
    <DuplicatePanel onMerge={mergeInto} disabled={submitting} />
    </>
  );
}
