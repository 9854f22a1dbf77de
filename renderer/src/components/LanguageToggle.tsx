import { useTranslation } from 'react-i18next';
import { switchLanguage } from '../i18n';

export function LanguageToggle() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      type="button"
      className="button button-quiet"
      lang={next}
      aria-label={t('topBar.languageLabel')}
      data-testid="language-toggle"
      onClick={() => switchLanguage(i18n, next)}
    >
      {t('topBar.language')}
    </button>
  );
}
