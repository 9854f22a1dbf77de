// The actions this person may take on this incident now, each with its shortcut. A serious
// incident's dispatch or closure shows who must do it instead of a button that cannot work.
// An action that needs words opens a small form under the bar; Escape closes it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, type Priority, type Role } from '../../../../shared/domain';
import { leadFor } from '../../../../shared/dispatch/lead';
import { CATEGORIES } from '../../../../shared/taxonomy';
import { DEPARTMENTS, type Department } from '../../../../shared/town';
import type { DutyConfig } from '../../../../shared/config';
import type { DutyError } from '../../../../shared/errors';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useHotkeys } from '../../app/hotkeys';
import { describeError, nameLanguage } from '../../i18n';
import { ACTION_HOTKEYS, offeredActions, SUGGESTED_TRIAGE_KEY, unitsFor, type DetailCommand } from './detailActions';
import { capPriority } from '../../../../shared/intake/cap';
import { suggestedPriority } from '../../../../shared/dispatch/priority';
import { actionMessageCleared, actionRequestHandled, selectDetailAction, selectRequestedAction, selectSelectedUnits, type IncidentDetailRecord } from './detailSlice';
import { issueDetailCommand } from './detailThunks';

/**
 * The refusal in words. The engine points at `type` or `payload.incidentId` when the action
 * itself is refused; those are no field the operator filled, so only real fields are named.
 */
export function actionErrorText(t: TFunction, error: DutyError): string {
  // A unit's index in a list names the list: "payload.unitIds.0" reads as the units to dispatch.
  const path = error.path?.replace(/\.\d+$/, '');
  const named = path && path !== 'type' && path !== 'payload.incidentId' ? { ...error, path } : { code: error.code, message: error.message };
  return describeError(t, named);
}

type FormCommand = Exclude<DetailCommand, 'incident.dispatch' | 'incident.unmerge' | 'incident.dismissDuplicate'>;

function ActionForm({
  command,
  incident,
  config,
  busy,
  onSubmit,
  onCancel,
}: {
  command: FormCommand;
  incident: IncidentDetailRecord;
  config: DutyConfig | null;
  busy: boolean;
  onSubmit: (payload: Record<string, unknown>) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = nameLanguage(i18n.language);
  const formRef = useRef<HTMLFormElement>(null);
  const active = incident.assignments.filter((a) => a.status !== 'returned');
  const unitChoices = command === 'unit.accept' || command === 'unit.arrive' ? unitsFor(command, incident.assignments) : active.map((a) => a.unitId);
  const unitName = (id: string) => incident.assignments.find((a) => a.unitId === id)?.unitName ?? id;
  const leadTable = config?.leadDepartments;
  const [category, setCategory] = useState(incident.category);
  const [priority, setPriority] = useState<Priority>(incident.priority ?? suggestedPriority(incident.category).priority);
  const [priorityTouched, setPriorityTouched] = useState(incident.priority !== null);
  const [lead, setLead] = useState<Department>(incident.lead ?? leadFor(incident.category, leadTable));
  const [leadTouched, setLeadTouched] = useState(incident.lead !== null);
  const [coHandlers, setCoHandlers] = useState<Department[]>(incident.coHandlers);
  // Before dispatch a return names no unit; after, the seat records which department hands back.
  const [unitId, setUnitId] = useState<string>(incident.state === 'triaged' ? '' : (unitChoices[0] ?? ''));
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState('');
  const [settled, setSettled] = useState(false);
  const [rating, setRating] = useState('');
  const [into, setInto] = useState(incident.suspectedDuplicate?.of ?? '');

  useHotkeys([
    { combo: 'Escape', labelKey: 'detail.actions.cancel', run: onCancel },
    { combo: 'Ctrl+Enter', labelKey: 'detail.actions.submit', run: () => formRef.current?.requestSubmit() },
  ]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    switch (command) {
      case 'incident.triage':
        return onSubmit({ category, priority, lead, coHandlers: coHandlers.filter((d) => d !== lead) });
      case 'unit.accept':
      case 'unit.arrive':
        return onSubmit({ unitId });
      case 'incident.return':
        return onSubmit({ reason: text, ...(unitId ? { unitId } : {}) });
      case 'incident.feedback':
        return onSubmit({ text, photos: photos.split('\n').map((p) => p.trim()).filter(Boolean), settledOnSpot: settled });
      case 'incident.resolve':
        return onSubmit({ summary: text });
      case 'incident.acceptClosure':
        return onSubmit(rating ? { rating: Number(rating) } : {});
      case 'incident.reopen':
      case 'incident.cancel':
        return onSubmit({ reason: text });
      case 'incident.merge':
        return onSubmit({ into: into.trim() });
    }
  };

  const field = (name: string) => `detail-${command}-${name}`.replace(/\./g, '-');
  const textLabel = command === 'incident.feedback' ? 'text' : command === 'incident.resolve' ? 'summary' : 'reason';
  const needsText = command === 'incident.return' || command === 'incident.feedback' || command === 'incident.resolve' || command === 'incident.reopen' || command === 'incident.cancel';

  return (
    <form ref={formRef} className="action-form" onSubmit={submit} data-testid={`action-form-${command}`}>
      {command === 'incident.triage' ? (
        <>
          <div className="field-row">
            <div className="field">
              <label htmlFor={field('category')}>{t('detail.actions.category')}</label>
              <select
                id={field('category')}
                value={category}
                autoFocus
                onChange={(e) => {
                  setCategory(e.target.value);
                  // The lead and the priority follow the category until the operator picks them.
                  if (!leadTouched) setLead(leadFor(e.target.value, leadTable));
                  if (!priorityTouched) setPriority(suggestedPriority(e.target.value).priority);
                }}
              >
                {CATEGORIES.map((c) => (
                  <option key={c.code} value={c.code}>{c[lang]}</option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={field('priority')}>{t('detail.actions.priority')}</label>
              <select
                id={field('priority')}
                value={priority}
                onChange={(e) => {
                  setPriority(e.target.value as Priority);
                  setPriorityTouched(true);
                }}
              >
                {PRIORITIES.map((p) => (
                  <option key={p} value={p}>{`${p} ${t(`map.priority.${p}`)}`}</option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={field('lead')}>{t('detail.actions.lead')}</label>
              <select
                id={field('lead')}
                value={lead}
                onChange={(e) => {
                  setLead(e.target.value as Department);
                  setLeadTouched(true);
                }}
              >
                {DEPARTMENTS.map((d) => (
                  <option key={d} value={d}>{t(`department.${d}`)}</option>
                ))}
              </select>
            </div>
          </div>
          <fieldset className="co-handlers">
            <legend>{t('detail.actions.coHandlers')}</legend>
            {DEPARTMENTS.filter((d) => d !== lead).map((d) => (
              <label key={d}>
                <input
                  type="checkbox"
                  checked={coHandlers.includes(d)}
                  onChange={() => setCoHandlers((list) => (list.includes(d) ? list.filter((x) => x !== d) : [...list, d]))}
                />
                {t(`department.${d}`)}
              </label>
            ))}
          </fieldset>
        </>
      ) : null}
      {command === 'unit.accept' || command === 'unit.arrive' || (command === 'incident.return' && incident.state !== 'triaged') ? (
        <div className="field">
          <label htmlFor={field('unit')}>{t('detail.actions.unit')}</label>
          <select id={field('unit')} value={unitId} autoFocus onChange={(e) => setUnitId(e.target.value)}>
            {unitChoices.map((id) => (
              <option key={id} value={id}>{unitName(id)}</option>
            ))}
          </select>
        </div>
      ) : null}
      {needsText ? (
        <div className="field">
          <label htmlFor={field('text')}>{t(`detail.actions.${textLabel}`)}</label>
          <textarea id={field('text')} rows={2} value={text} autoFocus={command !== 'incident.return' || incident.state === 'triaged'} onChange={(e) => setText(e.target.value)} />
        </div>
      ) : null}
      {command === 'incident.feedback' ? (
        <>
          <div className="field">
            <label htmlFor={field('photos')}>{t('detail.actions.photos')}</label>
            <textarea id={field('photos')} rows={2} value={photos} onChange={(e) => setPhotos(e.target.value)} />
          </div>
          <label className="check">
            <input type="checkbox" checked={settled} onChange={(e) => setSettled(e.target.checked)} />
            {t('detail.actions.settledOnSpot')}
          </label>
        </>
      ) : null}
      {command === 'incident.merge' ? (
        <div className="field">
          <label htmlFor={field('into')}>{t('detail.actions.into')}</label>
          <input id={field('into')} value={into} autoFocus spellCheck={false} onChange={(e) => setInto(e.target.value)} />
        </div>
      ) : null}
      {command === 'incident.acceptClosure' ? (
        <div className="field">
          <label htmlFor={field('rating')}>{t('detail.actions.rating')}</label>
          <select id={field('rating')} value={rating} autoFocus onChange={(e) => setRating(e.target.value)}>
            <option value="">{t('detail.actions.noRating')}</option>
            {[5, 4, 3, 2, 1].map((n) => (
              <option key={n} value={n}>{'★'.repeat(n)} {n}</option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="action-form-buttons">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="action-submit">
          {t(`detail.actions.command.${command}`)} <kbd>Ctrl+Enter</kbd>
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('detail.actions.cancel')} <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}

export function ActionBar({ incident, role, config }: { incident: IncidentDetailRecord; role: Role; config: DutyConfig | null }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const action = useAppSelector(selectDetailAction);
  const selectedUnits = useAppSelector(selectSelectedUnits);
  const [open, setOpen] = useState<FormCommand | null>(null);
  const suspected = incident.suspectedDuplicate;
  const offered = offeredActions(role, { state: incident.state, priority: incident.priority, assignments: incident.assignments, feedbackCount: incident.feedback.length, suspected: !!suspected });

  const send = (type: DetailCommand, payload: Record<string, unknown>) => {
    void dispatch(issueDetailCommand(type, { incidentId: incident.id, ...payload })).then((ok) => {
      if (ok) setOpen(null);
    });
  };

  const activate = (command: DetailCommand) => {
    dispatch(actionMessageCleared());
    if (command === 'incident.dispatch') {
      if (selectedUnits.length) send('incident.dispatch', { unitIds: selectedUnits });
      else document.querySelector<HTMLInputElement>('[data-testid="recommendation-row"] input')?.focus();
      return;
    }
    if (command === 'incident.unmerge' || command === 'incident.dismissDuplicate') return send(command, {});
    // One key merges a suspected duplicate into the incident it is suspected of; any other merge names its target.
    if (command === 'incident.merge' && suspected) return send('incident.merge', { into: suspected.of });
    setOpen(command);
  };

  // A CAP alert grades itself: before triage, one key takes its grading as the priority, the
  // category as filed and the lead the table gives; the seat still decides, by pressing it.
  const alert = [...incident.reports].reverse().find((r) => r.facts?.cap)?.facts?.cap;
  const triageAllowed = offered.some((o) => o.command === 'incident.triage' && o.status === 'allowed');
  const byCategory = suggestedPriority(incident.category);
  const suggestion =
    incident.priority === null && triageAllowed
      ? { priority: alert ? capPriority(alert.urgency, alert.severity, alert.certainty) : byCategory.priority, lead: leadFor(incident.category, config?.leadDepartments), alert: alert ?? null }
      : null;
  const takeSuggestion = () => {
    if (!suggestion) return;
    dispatch(actionMessageCleared());
    send('incident.triage', { category: incident.category, priority: suggestion.priority, lead: suggestion.lead, coHandlers: [] });
  };

  // The queue's M and N keys act on the incident they selected, through these same actions.
  const requested = useAppSelector(selectRequestedAction);
  useEffect(() => {
    if (!requested || requested.incidentId !== incident.id) return;
    dispatch(actionRequestHandled());
    const found = offered.find((o) => o.command === requested.command && o.status === 'allowed');
    if (found) activate(found.command);
  });

  useHotkeys([
    ...offered.map((o) => ({
      combo: ACTION_HOTKEYS[o.command],
      labelKey: `detail.actions.command.${o.command}`,
      run: () => activate(o.command),
      enabled: o.status === 'allowed',
    })),
    { combo: SUGGESTED_TRIAGE_KEY, labelKey: 'detail.actions.suggestKey', run: takeSuggestion, enabled: suggestion !== null && action.busy === null },
  ]);

  const error = action.error && action.errorFor !== 'personalData.reveal' ? action.error : null;
  return (
    <section className="detail-section detail-actions" aria-label={t('detail.actions.title')}>
      <div className="action-bar">
        {suggestion ? (
          <button
            type="button"
            className="button button-primary"
            data-testid="action-suggested-triage"
            data-priority={suggestion.priority}
            disabled={action.busy !== null}
            title={
              suggestion.alert
                ? t('detail.cap.suggestHint', {
                    severity: t(`detail.cap.severity.${suggestion.alert.severity}`),
                    urgency: t(`detail.cap.urgency.${suggestion.alert.urgency}`),
                    certainty: t(`detail.cap.certainty.${suggestion.alert.certainty}`),
                    priority: suggestion.priority,
                    lead: t(`department.${suggestion.lead}`),
                  })
                : t('detail.actions.suggestHint', { priority: suggestion.priority, lead: t(`department.${suggestion.lead}`) })
            }
            onClick={takeSuggestion}
          >
            {suggestion.alert
              ? t('detail.cap.suggest', { priority: suggestion.priority })
              : t('detail.actions.suggest', { priority: suggestion.priority, reason: t(`detail.actions.priorityReason.${byCategory.reason}`) })}{' '}
            <kbd>{SUGGESTED_TRIAGE_KEY}</kbd>
          </button>
        ) : null}
        {offered.map(({ command, status }) => {
          const label = t(`detail.actions.command.${command}`);
          if (status !== 'allowed') {
            const hint =
              status === 'needsCommander' ? t('detail.actions.needsCommanderHint', { priority: incident.priority ?? '' }) : t('detail.actions.needsFeedbackHint');
            return (
              <span key={command} className="action-blocked" data-testid={`action-${command}`} data-status={status} title={hint}>
                {label} · {t(`detail.actions.${status}`)}
              </span>
            );
          }
          const isDispatch = command === 'incident.dispatch';
          return (
            <button
              key={command}
              type="button"
              className={`button${open === command || (isDispatch && selectedUnits.length) ? ' button-primary' : ''}`}
              data-testid={isDispatch ? 'dispatch-button' : `action-${command}`}
              data-status={status}
              disabled={action.busy !== null}
              onClick={() => activate(command)}
            >
              {label}
              {isDispatch && selectedUnits.length ? ` (${selectedUnits.length})` : ''} <kbd>{ACTION_HOTKEYS[command]}</kbd>
            </button>
          );
        })}
      </div>
      {open ? (
        <ActionForm
          key={open}
          command={open}
          incident={incident}
          config={config}
          busy={action.busy !== null}
          onSubmit={(payload) => send(open, payload)}
          onCancel={() => setOpen(null)}
        />
      ) : null}
      {error ? (
        <p className="message message-error" data-testid="action-error" data-code={error.code} title={error.message}>
          {actionErrorText(t, error)}
        </p>
      ) : null}
      {action.notice ? (
        <p className="message message-ok" data-testid="action-notice" data-kind={action.notice.kind}>
          {t(`detail.actions.${action.notice.kind}`)}
        </p>
      ) : null}
    </section>
  );
}
