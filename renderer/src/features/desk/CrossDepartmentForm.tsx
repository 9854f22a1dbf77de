// The cross-department order form: lead, co-handlers as checkboxes, priority, and whether
// to send one unit of each department. Ctrl+Enter issues, Escape closes.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, type Incident, type Priority } from '../../../../shared/domain';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { DEPARTMENTS, type Department } from '../../../../shared/town';
import { useHotkeys } from '../../app/hotkeys';
import { crossDepartmentOrder } from './deskThunks';
import { orderSteps } from './crossDepartment';
import { ActionMessage, useDeskAction } from './useDeskAction';

type Target = Incident & Partial<Pick<IncidentRecord, 'lead' | 'coHandlers'>>;

export function CrossDepartmentForm({ incident, onClose }: { incident: Target; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const action = useDeskAction();
  const [lead, setLead] = useState<Department>(incident.lead ?? DEPARTMENTS[0]);
  const [coHandlers, setCoHandlers] = useState<Department[]>(incident.coHandlers ?? []);
  const [priority, setPriority] = useState<Priority>(incident.priority ?? 'P3');
  const [dispatchUnits, setDispatchUnits] = useState(true);
  const leadRef = useRef<HTMLSelectElement>(null);
  const steps = orderSteps(incident.state);

  useEffect(() => leadRef.current?.focus(), []);

  const co = coHandlers.filter((d) => d !== lead);
  const submit = () => {
    const request = { incidentId: incident.id, lead, coHandlers: co, priority, dispatchUnits };
    void action.run(`cross:${JSON.stringify(request)}`, (key) => crossDepartmentOrder(request, key));
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  useHotkeys([
    { combo: 'Ctrl+Enter', labelKey: 'command.cross.submit', run: submit, enabled: !action.busy },
    { combo: 'Escape', labelKey: 'command.cross.cancel', run: onClose },
  ]);

  return (
    <form className="cross-form" onSubmit={onSubmit} aria-labelledby={`${id}-title`} data-testid="cross-form">
      <h3 id={`${id}-title`} className="desk-subtitle">
        {t('command.cross.title')} <span className="hint">{incident.id}</span>
      </h3>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-lead`}>{t('command.cross.lead')}</label>
          <select id={`${id}-lead`} ref={leadRef} value={lead} onChange={(e) => setLead(e.target.value as Department)} disabled={!steps.triage} data-testid="cross-lead">
            {DEPARTMENTS.map((d) => (
              <option key={d} value={d}>
                {t(`department.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-narrow">
          <label htmlFor={`${id}-priority`}>{t('command.cross.priority')}</label>
          <select id={`${id}-priority`} value={priority} onChange={(e) => setPriority(e.target.value as Priority)} disabled={!steps.triage}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="cross-co">
        <legend>{t('command.cross.coHandlers')}</legend>
        {DEPARTMENTS.filter((d) => d !== lead).map((d) => (
          <label key={d} className="check">
            <input
              type="checkbox"
              data-testid={`cross-co-${d}`}
              checked={co.includes(d)}
              onChange={(e) => setCoHandlers((list) => (e.target.checked ? [...list.filter((x) => x !== d), d] : list.filter((x) => x !== d)))}
            />
            {t(`department.${d}`)}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={dispatchUnits} onChange={(e) => setDispatchUnits(e.target.checked)} data-testid="cross-dispatch" />
        {t('command.cross.dispatchUnits')}
      </label>
      <ActionMessage action={action} />
      <div className="desk-buttons">
        <button type="submit" className="button button-primary button-small" disabled={action.busy || (!steps.triage && !dispatchUnits)} data-testid="cross-submit">
          {t('command.cross.submit')} <kbd>Ctrl+Enter</kbd>
        </button>
        <button type="button" className="button button-quiet button-small" onClick={onClose}>
          {t('command.cross.cancel')} <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
