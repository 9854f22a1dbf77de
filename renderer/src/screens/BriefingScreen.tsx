// The daily briefing (每日会商): what the commanders read at the morning meeting. Opened on
// demand at /?window=briefing; a commander prints it to PDF (journaled, watermarked).
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INDEX_NAMES } from '../../../shared/analysis/indices';
import { mayIssue } from '../../../shared/permissions';
import { categoryName } from '../../../shared/taxonomy';
import { toDutyError } from '../app/api';
import { printReleased } from '../app/printGuard';
import { calendarDate, clockTime } from '../app/formatTime';
import { useAppDispatch, useAppSelector } from '../app/hooks';
import { Clock } from '../components/Clock';
import { LanguageToggle } from '../components/LanguageToggle';
import { BriefingBody } from '../features/briefing/BriefingBody';
import { exportBriefing } from '../features/briefing/briefingThunks';
import { useBriefing } from '../features/briefing/useBriefing';
import { selectUser } from '../features/session/sessionSlice';
import '../features/briefing/briefing.css';

export function BriefingScreen() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const user = useAppSelector(selectUser);
  // The briefing is about the day before the one it was opened on, read once through the cache.
  const [openedAt] = useState(() => Date.now());
  const { data, error: readError } = useBriefing(openedAt);
  const error = readError?.message ?? null;
  const [notice, setNotice] = useState<string | null>(null);
  const [printedAt, setPrintedAt] = useState<number | null>(null);

  const onExport = useCallback(async () => {
    if (!data) return;
    setNotice(null);
    try {
      await dispatch(exportBriefing(data.day));
      setPrintedAt(Date.now());
      setNotice(t('briefing.exported'));
      // The browser's print dialog saves the page as PDF, print stylesheet and watermark
      // included; released for this one print because the export is now on record.
      setTimeout(printReleased, 50);
    } catch (cause) {
      setNotice(t('briefing.exportRefused', { reason: toDutyError(cause).message }));
    }
  }, [data, dispatch, t]);

  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const labels = useMemo(
    () => ({
      index: Object.fromEntries(INDEX_NAMES.map((n) => [n, t(`briefing.index.${n}`)])) as Record<(typeof INDEX_NAMES)[number], string>,
      category: (code: string) => categoryName(code, lang),
    }),
    [t, lang],
  );

  return (
    <div className="briefing" data-testid="briefing">
      <header className="briefing-bar">
        <div className="brand">{t('app.brand')}</div>
        <h1 className="window-title">
          {t('window.briefing')}
          {data && <span className="briefing-day"> · {data.day}</span>}
        </h1>
        <div className="top-bar-spacer" />
        {notice && (
          <span className="briefing-notice" role="status" data-testid="briefing-notice">
            {notice}
          </span>
        )}
        {user && (
          <button
            type="button"
            className="briefing-export"
            data-testid="briefing-export"
            disabled={!data}
            title={mayIssue(user.role, 'briefing.export') ? undefined : t('briefing.commanderOnly')}
            onClick={() => void onExport()}
          >
            {t('briefing.export')}
          </button>
        )}
        <LanguageToggle />
        <Clock withDate />
      </header>
      {printedAt !== null && user && (
        <div className="briefing-print-stamp">{t('briefing.printStamp', { name: user.name, time: `${calendarDate(printedAt)} ${clockTime(printedAt)}` })}</div>
      )}
      <main className="briefing-body">
        {error && <p className="briefing-error">{error}</p>}
        {!data && !error && <p className="briefing-loading">{t('app.loading')}</p>}
        {data && <BriefingBody data={data} labels={labels} />}
      </main>
    </div>
  );
}
