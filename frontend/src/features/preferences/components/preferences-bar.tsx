import { useId } from 'react';
import { LANGS, type Lang } from '@/lib/i18n/messages';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useEffectiveTheme, usePreferences } from '@/lib/preferences';
import type { TemperatureUnit, WindUnit } from '@/lib/units';

const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', fr: 'Français' };

/** Units, language and theme controls; every change is saved right away. */
export function PreferencesBar() {
  const { t } = useI18n();
  const { preferences, update } = usePreferences();
  const theme = useEffectiveTheme();
  const id = useId();

  return (
    <div className="preferences" role="group" aria-label={t('prefs.label')}>
      <label className="preferences__field" htmlFor={`${id}-temp`}>
        <span className="sr-only">{t('prefs.temperature')}</span>
        <select
          id={`${id}-temp`}
          value={preferences.temperatureUnit}
          onChange={(event) => update({ temperatureUnit: event.target.value as TemperatureUnit })}
        >
          <option value="celsius">°C</option>
          <option value="fahrenheit">°F</option>
        </select>
      </label>
      <label className="preferences__field" htmlFor={`${id}-wind`}>
        <span className="sr-only">{t('prefs.wind')}</span>
        <select
          id={`${id}-wind`}
          value={preferences.windUnit}
          onChange={(event) => update({ windUnit: event.target.value as WindUnit })}
        >
          <option value="kmh">km/h</option>
          <option value="mph">mph</option>
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
