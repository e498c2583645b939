import { useId } from 'react';
import { LANGS, type Lang } from '@/lib/i18n/messages';
import { useI18n } from '@/lib/i18n/use-i18n';
import type { UnitSystem } from '@/types/api';
import { useEffectiveTheme, usePreferences } from '../preferences';
import '../preferences.css';

const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', fr: 'Français' };

/** Units, language and theme controls; every change is saved right away. */
export function PreferencesBar() {
  const { t } = useI18n();
  const { preferences, update } = usePreferences();
  const theme = useEffectiveTheme();
  const id = useId();

  return (
    <div className="preferences" role="group" aria-label={t('prefs.label')}>
      <label className="preferences__field" htmlFor={`${id}-units`}>
        <span className="sr-only">{t('prefs.units')}</span>
        <select
          id={`${id}-units`}
          value={preferences.units}
          onChange={(event) => update({ units: event.target.value as UnitSystem })}
        >
          <option value="metric">°C, km/h</option>
          <option value="imperial">°F, mph</option>
        </select>
      </label>
      <label className="preferences__field" htmlFor={`${id}-lang`}>
        <span className="sr-only">{t('prefs.language')}</span>
        <select
          id={`${id}-lang`}
          value={preferences.lang}
          onChange={(event) => update({ lang: event.target.value as Lang })}
        >
          {LANGS.map((lang) => (
            <option key={lang} value={lang} lang={lang}>
              {LANGUAGE_NAMES[lang]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="icon-button"
        aria-label={t(theme === 'dark' ? 'prefs.theme.toLight' : 'prefs.theme.toDark')}
        title={t(theme === 'dark' ? 'prefs.theme.toLight' : 'prefs.theme.toDark')}
        onClick={() => update({ theme: theme === 'dark' ? 'light' : 'dark' })}
      >
        <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
      </button>
    </div>
  );
}
