import { useMemo } from 'react';
import { usePreferences } from '@/lib/preferences';
import type { MessageKey } from './messages';
import { localeFor, translate, translatePlural, type PluralKey, type Vars } from './translate';

/** Translation helpers bound to the chosen language. */
export function useI18n() {
  const { preferences } = usePreferences();
  const { lang } = preferences;
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
