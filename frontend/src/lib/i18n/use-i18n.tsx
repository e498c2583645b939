import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Lang, MessageKey } from './messages';
import { localeFor, translate, translatePlural, type PluralKey, type Vars } from './translate';

const LangContext = createContext<Lang | null>(null);

/** Sets the interface language below it; app/ feeds it from the reader's preferences. */
export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  return <LangContext.Provider value={lang}>{children}</LangContext.Provider>;
}

/** Translation helpers bound to the chosen language. */
export function useI18n() {
  const lang = useContext(LangContext);
  if (!lang) throw new Error('useI18n must be used inside <I18nProvider>');
  return useMemo(
    () => ({
      lang,
      locale: localeFor(lang),
      t: (key: MessageKey, vars?: Vars) => translate(lang, key, vars),
      tp: (key: PluralKey, count: number, vars?: Vars) => translatePlural(lang, key, count, vars),
    }),
    [lang],
  );
}
