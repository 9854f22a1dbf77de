import { useEffect, useId, useRef, type ChangeEvent, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel } from '../../../../shared/domain';
import { CATEGORIES } from '../../../../shared/taxonomy';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { describeError, nameLanguage } from '../../i18n';
import { draftEdited, outcomeUnknown, selectIntake } from './intakeSlice';
import { submitIntake } from './intakeThunks';
import type { IntakeDraft } from './reportPayload';

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
  const { draft, status, accepted, error, pendingKey } = useAppSelector(selectIntake);
  const titleRef = useRef<HTMLInputElement>(null);
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

  return (
    <form className="intake" onSubmit={onSubmit} onKeyDown={onKeyDown} aria-labelledby={`${id}-heading`} noValidate>
      <h2 id={`${id}-heading`} className="panel-title">{t('intake.title')}</h2>

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

      <div className="field">
        <label htmlFor={`${id}-address`}>{t('intake.address')}</label>
        <input {...fieldProps('address')} data-testid="intake-address" maxLength={200} autoComplete="off" />
      </div>

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
      </div>
      {status === 'rejected' && error ? (
        <p className="message message-error" role="alert" id={`${id}-error`} data-testid="intake-error" data-code={error.code}>
          {error.code === 'invalid' && error.path === 'payload.location' ? t('intake.needPlace') : describeError(t, error)}
          {pendingKey && outcomeUnknown(error) ? <span className="hint"> {t('intake.retryHint')}</span> : null}
        </p>
      ) : null}
    </form>
  );
}
