// A phrase with placeholders, looked up once per language and then filled in. i18next
// resolves the language hierarchy on every `t()` call (about a third of a millisecond on a
// duty-room PC); the queue's counters change with every batch of journal entries.
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export type Phrase = (values: Readonly<Record<string, string | number>>) => string;

const MARK = /\uE000(\d+)\uE001/g;

/** `phrase({ count: 3 })` gives what `t(key, { count: 3 })` gives, for phrases without plural forms. */
export function phraseOf(t: TFunction, key: string, names: readonly string[]): Phrase {
  const pattern = t(key, Object.fromEntries(names.map((name, i) => [name, `\uE000${i}\uE001`])));
  return (values) => pattern.replace(MARK, (_, i: string) => String(values[names[Number(i)]!] ?? ''));
}

/** `names` must be a constant: the phrase is looked up again only when the language changes. */
export function usePhrase(key: string, names: readonly string[]): Phrase {
  const { t, i18n } = useTranslation();
  // With i18n.language: a switch of language looks the phrase up again.
  return useMemo(() => phraseOf(t, key, names), [t, key, names, i18n.language]);
}
