// The reader's preferences (three units, language, theme), kept in localStorage.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LANGS, type Lang } from '@/lib/i18n/messages';
import {
  PRECIPITATION_UNITS,
  TEMPERATURE_UNITS,
  WIND_UNITS,
  type PrecipitationUnit,
  type TemperatureUnit,
  type UnitParams,
  type WindUnit,
} from '@/lib/units';
import type { UnitSystem } from '@/types/api';

export type ThemePreference = 'system' | 'light' | 'dark';

export {
  PRECIPITATION_UNITS,
  TEMPERATURE_UNITS,
  WIND_UNITS,
  type PrecipitationUnit,
  type TemperatureUnit,
  type UnitParams,
  type WindUnit,
} from '@/lib/units';

/**
 * Each unit is chosen on its own and sent with every weather request: the server converts,
 * and labels each value. The values are the API's (and an account's preferences').
 */
export type Preferences = {
  temperatureUnit: TemperatureUnit;
  windUnit: WindUnit;
  precipitationUnit: PrecipitationUnit;
  lang: Lang;
  theme: ThemePreference;
};

export const unitParams = (preferences: Preferences): UnitParams => ({
  temperature_unit: preferences.temperatureUnit,
  wind_unit: preferences.windUnit,
  precipitation_unit: preferences.precipitationUnit,
});

/** For endpoints that only know metric|imperial (statistics show temperatures only). */
export const unitSystemOf = (preferences: Preferences): UnitSystem =>
  preferences.temperatureUnit === 'fahrenheit' ? 'imperial' : 'metric';

/** What the single `units` choice of earlier versions meant for each quantity. */
export const UNITS_OF_SYSTEM: Record<Exclude<UnitSystem, 'custom'>, UnitParams> = {
  metric: { temperature_unit: 'celsius', wind_unit: 'kmh', precipitation_unit: 'mm' },
  imperial: { temperature_unit: 'fahrenheit', wind_unit: 'mph', precipitation_unit: 'inch' },
};

export const PREFERENCES_STORAGE_KEY = 'weather-app:preferences';

export function defaultLang(languages: readonly string[] = navigator.languages ?? [navigator.language]): Lang {
  for (const tag of languages) {
    const base = tag.slice(0, 2).toLowerCase();
    if ((LANGS as readonly string[]).includes(base)) return base as Lang;
  }
  return 'en';
}

export const defaultPreferences = (): Preferences => ({
  temperatureUnit: 'celsius',
  windUnit: 'kmh',
  precipitationUnit: 'mm',
  lang: defaultLang(),
  theme: 'system',
});

const oneOf = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

/** Reads stored preferences, ignoring anything malformed (older versions, hand edits). */
export function loadPreferences(storage: Storage = window.localStorage): Preferences {
  const defaults = defaultPreferences();
  let stored: Record<string, unknown> = {};
  try {
    const raw = storage.getItem(PREFERENCES_STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (typeof parsed === 'object' && parsed !== null) stored = parsed as Record<string, unknown>;
  } catch {
    // Private mode or corrupt JSON: fall back to defaults.
  }
  return {
    // A single `units` choice of earlier versions is split by app/migrate-storage.ts.
    temperatureUnit: oneOf(stored.temperatureUnit, TEMPERATURE_UNITS, defaults.temperatureUnit),
    windUnit: oneOf(stored.windUnit, WIND_UNITS, defaults.windUnit),
    precipitationUnit: oneOf(stored.precipitationUnit, PRECIPITATION_UNITS, defaults.precipitationUnit),
    lang: oneOf(stored.lang, LANGS, defaults.lang),
    theme: oneOf(stored.theme, ['system', 'light', 'dark'], defaults.theme),
  };
}

function savePreferences(preferences: Preferences): void {
  try {
    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify(preferences));
  } catch {
    // Storage full or disabled: preferences then last for this visit only.
  }
}

/**
 * Theme and language on <html>. With 'system' there is no attribute and the CSS follows
 * prefers-color-scheme. main.tsx calls this before the first render to avoid a flash.
 */
export function applyToDocument({ theme, lang }: Pick<Preferences, 'theme' | 'lang'>): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  root.lang = lang;
}

/** One setter per choice (an account's preferences sync through the same ones), and `update` for several. */
type PreferencesContextValue = {
  preferences: Preferences;
  update: (changes: Partial<Preferences>) => void;
  setTemperatureUnit: (unit: TemperatureUnit) => void;
  setWindUnit: (unit: WindUnit) => void;
  setPrecipitationUnit: (unit: PrecipitationUnit) => void;
  setLang: (lang: Lang) => void;
  setTheme: (theme: ThemePreference) => void;
};

const PreferencesContext = createContext<PreferencesContextValue | null>(null);

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [preferences, setPreferences] = useState<Preferences>(() => loadPreferences());
  // Saved when they change, not at mount (as the favourites: another tab may have stored
  // new ones since this page read them).
  const [loaded] = useState(preferences);
  useEffect(() => {
    if (preferences !== loaded) savePreferences(preferences);
  }, [preferences, loaded]);
  useEffect(() => applyToDocument(preferences), [preferences]);

  const update = useCallback<PreferencesContextValue['update']>((changes) => {
    setPreferences((current) => ({ ...current, ...changes }));
  }, []);

  const value = useMemo(
    () => ({
      preferences,
      update,
      setTemperatureUnit: (temperatureUnit: TemperatureUnit) => update({ temperatureUnit }),
      setWindUnit: (windUnit: WindUnit) => update({ windUnit }),
      setPrecipitationUnit: (precipitationUnit: PrecipitationUnit) => update({ precipitationUnit }),
      setLang: (lang: Lang) => update({ lang }),
      setTheme: (theme: ThemePreference) => update({ theme }),
    }),
    [preferences, update],
  );
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): PreferencesContextValue {
  const context = useContext(PreferencesContext);
  if (!context) throw new Error('usePreferences must be used inside <PreferencesProvider>');
  return context;
}

/** The theme actually shown: the explicit choice, or the system's. */
export function useEffectiveTheme(): 'light' | 'dark' {
  const { preferences } = usePreferences();
  const [systemDark, setSystemDark] = useState(
    () => window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false,
  );
  useEffect(() => {
    const query = window.matchMedia?.('(prefers-color-scheme: dark)');
    if (!query) return;
    const onChange = (event: MediaQueryListEvent) => setSystemDark(event.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  if (preferences.theme !== 'system') return preferences.theme;
  return systemDark ? 'dark' : 'light';
}
