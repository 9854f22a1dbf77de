// What the commander does to the selected incident from the desk: push it to the wall (or
// clear the wall), call every unit in its circle, or issue a cross-department order.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLegal } from '../../../../shared/incident/machine';
import { useAppSelector } from '../../app/hooks';
import { useHotkeys } from '../../app/hotkeys';
import { selectIncidentById } from '../queue/queueSlice';
import { selectSelectedIncidentId } from '../selection/selectionSlice';
import { selectWallFocus } from '../wallFocus/wallFocusSlice';
import { issue } from './deskThunks';
import { CrossDepartmentForm } from './CrossDepartmentForm';
import { ActionMessage, useDeskAction } from './useDeskAction';

const CIRCLE_LEVELS = ['grid', 'jointEnforcement', 'emergency'] as const;
type CircleLevel = (typeof CIRCLE_LEVELS)[number];

export function IncidentActions() {
  const { t } = useTranslation();
  const selectedId = useAppSelector(selectSelectedIncidentId);
  const incident = useAppSelector((state) => (selectedId ? selectIncidentById(state, selectedId) : undefined));
  const wall = useAppSelector(selectWallFocus);
  const action = useDeskAction();
  const [panel, setPanel] = useState<'circle' | 'cross' | null>(null);
  const circleRef = useRef<HTMLButtonElement>(null);

  // A panel belongs to the incident it was opened for.
  useEffect(() => setPanel(null), [selectedId]);
  useEffect(() => {
    if (panel === 'circle') circleRef.current?.focus();
  }, [panel]);

  const open = !!incident;
  const canCircle = !!incident && isLegal('incident.circleCall', incident.state);
  const canCross = !!incident && (isLegal('incident.triage', incident.state) || isLegal('incident.dispatch', incident.state));

  const focusWall = () => {
    if (!incident) return;
    void action.run(`wall:${incident.id}`, (key) => issue('wall.focus', { incidentId: incident.id }, key), 'command.wall.focused');
  };
  const clearWall = () => void action.run('wall:clear', (key) => issue('wall.focus', { incidentId: null }, key), 'command.wall.cleared');
  const circleCall = (level: CircleLevel) => {
    if (!incident) return;
    setPanel(null);
    void action.run(`circle:${incident.id}:${level}`, (key) => issue('incident.circleCall', { incidentId: incident.id, level }, key), 'command.circle.called', {
      level: t(`command.circle.levels.${level}`),
    });
  };

  useHotkeys([
    { combo: 'Alt+W', labelKey: 'command.keys.wallFocus', run: focusWall, enabled: open && !action.busy },
    { combo: 'Alt+Q', labelKey: 'command.keys.wallClear', run: clearWall, enabled: wall.incidentId !== null && !action.busy },
    { combo: 'Alt+C', labelKey: 'command.keys.circleCall', run: () => setPanel((p) => (p === 'circle' ? null : 'circle')), enabled: canCircle },
    // Alt+X cancels in the incident detail beside this desk.
    { combo: 'Alt+E', labelKey: 'command.keys.cross', run: () => setPanel((p) => (p === 'cross' ? null : 'cross')), enabled: canCross },
  ]);
  useHotkeys(panel === 'circle' ? [{ combo: 'Escape', labelKey: 'command.circle.cancel', run: () => setPanel(null) }] : []);

  return (
    <div className="desk-incident">
      <div className="desk-target">
        {incident ? (
          <>
            <span className="hint">{incident.id}</span>
            <span className="desk-target-title" title={incident.title}>
              {incident.title}
            </span>
          </>
        ) : (
          <span className="hint">{t('command.noSelection')}</span>
        )}
        <span className={`wall-state${wall.incidentId ? ' is-on' : ''}`} data-testid="wall-state">
          {wall.incidentId ? t('command.wall.showing', { id: wall.incidentId }) : t('command.wall.idle')}
        </span>
      </div>
      <div className="desk-buttons">
        <button type="button" className="button button-small" data-testid="wall-focus-button" disabled={!open || action.busy} onClick={focusWall}>
          {t('command.wall.focus')} <kbd>Alt+W</kbd>
        </button>
        <button type="button" className="button button-small" data-testid="wall-clear-button" disabled={wall.incidentId === null || action.busy} onClick={clearWall}>
          {t('command.wall.clear')} <kbd>Alt+Q</kbd>
        </button>
        <button
          type="button"
          className="button button-small"
          data-testid="circle-call-button"
          aria-expanded={panel === 'circle'}
          disabled={!canCircle || action.busy}
          onClick={() => setPanel((p) => (p === 'circle' ? null : 'circle'))}
        >
          {t('command.circle.call')} <kbd>Alt+C</kbd>
        </button>
        <button
          type="button"
          className="button button-small"
          data-testid="cross-button"
          aria-expanded={panel === 'cross'}
          disabled={!canCross}
          onClick={() => setPanel((p) => (p === 'cross' ? null : 'cross'))}
        >
          {t('command.cross.title')} <kbd>Alt+E</kbd>
        </button>
      </div>
      {panel === 'circle' && incident && (
        <div className="circle-choice" role="group" aria-label={t('command.circle.level')}>
          <span className="hint">{t('command.circle.level')}</span>
          {CIRCLE_LEVELS.map((level) => (
            <button
              key={level}
              ref={level === 'jointEnforcement' ? circleRef : undefined}
              type="button"
              className="button button-small"
              data-testid={`circle-level-${level}`}
              onClick={() => circleCall(level)}
            >
              {t(`command.circle.levels.${level}`)}
            </button>
          ))}
          <button type="button" className="button button-quiet button-small" onClick={() => setPanel(null)}>
            {t('command.circle.cancel')} <kbd>Esc</kbd>
          </button>
        </div>
      )}
      {panel === 'cross' && incident && <CrossDepartmentForm key={incident.id} incident={incident} onClose={() => setPanel(null)} />}
      <ActionMessage action={action} />
    </div>
  );
}
