// What paper shows when a window is printed without a journaled export (app/printGuard.ts):
// who tried and when, and how the room exports instead. Hidden on screen; in print it is
// the only thing on the page unless the print was released.
import { useTranslation } from 'react-i18next';
import { mayIssue } from '../../../shared/permissions';
import type { Role } from '../../../shared/domain';
import { calendarDate, clockTime } from '../app/formatTime';
import { useNow } from '../app/useNow';

export function PrintRefusal({ name, role }: { name: string; role: Role }) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const mayExport = mayIssue(role, 'briefing.export');
  return (
    <section className="print-refusal" data-testid="print-refusal" aria-hidden="true">
      <h1>{t('print.refusedTitle')}</h1>
      <p>{mayExport ? t('print.useExport') : t('print.notAllowed')}</p>
      <p className="print-refusal-who">{t('print.attempt', { name, time: `${calendarDate(now)} ${clockTime(now)}` })}</p>
    </section>
  );
}
