// One i18next instance for the window. Chinese is the duty room's language; English is a
// toggle for visitors and developers, remembered per machine.
import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { DutyError, ErrorCode } from '../../../shared/errors';
import { ERROR_CODES } from '../../../shared/errors';
import { formatTownTime } from '../../../shared/time';
import { en } from './en';
import { zhCN } from './zh-CN';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'dutydeck.language';

export function storedLanguage(storage: Pick<Storage, 'getItem'> | undefined): Language {
  const value = storage?.getItem(STORAGE_KEY);
  return value === 'en' ? 'en' : 'zh-CN';
}

export function rememberLanguage(storage: Pick<Storage, 'setItem'> | undefined, language: Language): void {
  try {
    storage?.setItem(STORAGE_KEY, language);
  } catch {
    // A full or disabled storage only costs the preference, never the switch itself.
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function initI18n(language: Language = storedLanguage(safeLocalStorage())): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: language,
    fallbackLng: 'zh-CN',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

export function switchLanguage(instance: { changeLanguage(lng: string): unknown }, language: Language): void {
  rememberLanguage(safeLocalStorage(), language);
  void instance.changeLanguage(language);
  document.documentElement.lang = language;
}

/** Category and other shared names are stored per language as `zh`/`en`. */
export function nameLanguage(language: string): 'zh' | 'en' {
  return language.startsWith('en') ? 'en' : 'zh';
}

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/** Puts an error in the reader's words, naming the field the hub pointed at. */
export function describeError(t: TFunction, error: DutyError): string {
  const code = isErrorCode(error.code) ? error.code : 'internal';
  const text = code === 'lockedOut' ? t('error.lockedOut', { until: lockedUntil(error.message) }) : t(`error.${code}`);
  if (!error.path) return text;
  const key = `field.${error.path.replaceAll('.', '_')}`;
  const field = t(key, { defaultValue: error.path });
  return text + t('error.field', { field });
}

/** The hub names the end of a lockout as an ISO time in its message; shown as HH:mm on the town's clock. */
function lockedUntil(message: string): string {
  const iso = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/.exec(message)?.[0];
  if (!iso) return '—';
  return formatTownTime(Date.parse(iso)).slice(0, 5);
}
