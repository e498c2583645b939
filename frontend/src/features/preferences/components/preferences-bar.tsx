import { useId } from 'react';
import { LANGS, type Lang } from '@/lib/i18n/messages';
import { useI18n } from '@/lib/i18n/use-i18n';
import type { MessageKey } from '@/lib/i18n/messages';
import { PRECIPITATION_UNITS, TEMPERATURE_UNITS, useEffectiveTheme, usePreferences, WIND_UNITS } from '../preferences';
import '../preferences.css';

const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', fr: 'Français' };

type UnitSelectProps<T extends string> = {
  label: MessageKey;
  units: readonly T[];
  value: T;
  onChange: (unit: T) => void;
};

/** One unit choice, named for screen readers by its hidden label. */
function UnitSelect<T extends string>({ label, units, value, onChange }: UnitSelectProps<T>) {
  const { t } = useI18n();
  const id = useId();
  return (
    <label className="preferences__field" htmlFor={id}>
      <span className="sr-only">{t(label)}</span>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as T)}>
        {units.map((unit) => (
          <option key={unit} value={unit}>
            {t(`units.option.${unit}` as MessageKey)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Three unit choices, language and theme controls; every change is saved right away. */
export function PreferencesBar() {
  const { t } = useI18n();
  const { preferences, update, setTemperatureUnit, setWindUnit, setPrecipitationUnit } = usePreferences();
  const theme = useEffectiveTheme();
  const id = useId();

  return (
    <div className="preferences" role="group" aria-label={t('prefs.label')}>
      <UnitSelect
        label="units.temperature"
        units={TEMPERATURE_UNITS}
        value={preferences.temperatureUnit}
        onChange={setTemperatureUnit}
      />
      <UnitSelect label="units.wind" units={WIND_UNITS} value={preferences.windUnit} onChange={setWindUnit} />
      <UnitSelect
        label="units.precipitation"
        units={PRECIPITATION_UNITS}
        value={preferences.precipitationUnit}
        onChange={setPrecipitationUnit}
      />
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
