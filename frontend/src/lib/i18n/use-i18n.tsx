import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Lang, MessageKey } from './messages';
import { localeFor, translate, translatePlural, type PluralKey, type Vars } from './translate';

type I18n = {
  lang: Lang;
  locale: string;
  t: (key: MessageKey, vars?: Vars) => string;
  tp: (key: PluralKey, count: number, vars?: Vars) => string;
};

const I18nContext = createContext<I18n | null>(null);

/**
 * Sets the interface language below it; app/ feeds it from the reader's preferences. The
 * helpers are made once per language here, not in each of the hundreds of components that
 * read them (the locale reads navigator.languages).
 */
export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo(
    () => ({
      lang,
      locale: localeFor(lang),
      t: (key: MessageKey, vars?: Vars) => translate(lang, key, vars),
      tp: (key: PluralKey, count: number, vars?: Vars) => translatePlural(lang, key, count, vars),
    }),
    [lang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** Translation helpers bound to the chosen language. */
export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n must be used inside <I18nProvider>');
  return i18n;
}
