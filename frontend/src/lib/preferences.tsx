// User preferences (units, language, theme, favourite cities), kept in localStorage.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LANGS, type Lang } from '@/lib/i18n/messages';
import type { TemperatureUnit, WindUnit } from '@/lib/units';

export type ThemePreference = 'system' | 'light' | 'dark';

export type FavouriteCity = {
  /** GeoNames id; null when the city was saved from free text. */
  locationId: number | null;
  name: string;
  admin1: string | null;
  country: string | null;
  countryCode: string | null;
};

export type Preferences = {
  temperatureUnit: TemperatureUnit;
  windUnit: WindUnit;
  lang: Lang;
  theme: ThemePreference;
  favourites: FavouriteCity[];
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
  lang: defaultLang(),
  theme: 'system',
  favourites: [],
});

const oneOf = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

function isFavourite(value: unknown): value is FavouriteCity {
  if (typeof value !== 'object' || value === null) return false;
  const city = value as Partial<FavouriteCity>;
  return typeof city.name === 'string' && (city.locationId === null || typeof city.locationId === 'number');
}

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
    temperatureUnit: oneOf(stored.temperatureUnit, ['celsius', 'fahrenheit'], defaults.temperatureUnit),
    windUnit: oneOf(stored.windUnit, ['kmh', 'mph'], defaults.windUnit),
    lang: oneOf(stored.lang, LANGS, defaults.lang),
    theme: oneOf(stored.theme, ['system', 'light', 'dark'], defaults.theme),
    favourites: Array.isArray(stored.favourites) ? stored.favourites.filter(isFavourite) : [],
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

export const sameCity = (a: FavouriteCity, b: FavouriteCity): boolean =>
  a.locationId !== null && b.locationId !== null
    ? a.locationId === b.locationId
    : a.name.toLowerCase() === b.name.toLowerCase() && a.country === b.country;

type PreferencesContextValue = {
  preferences: Preferences;
  update: (changes: Partial<Omit<Preferences, 'favourites'>>) => void;
  toggleFavourite: (city: FavouriteCity) => void;
};

const PreferencesContext = createContext<PreferencesContextValue | null>(null);

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [preferences, setPreferences] = useState<Preferences>(() => loadPreferences());

  useEffect(() => savePreferences(preferences), [preferences]);

  useEffect(() => applyToDocument(preferences), [preferences]);

  const update = useCallback<PreferencesContextValue['update']>((changes) => {
    setPreferences((current) => ({ ...current, ...changes }));
  }, []);

  const toggleFavourite = useCallback((city: FavouriteCity) => {
    setPreferences((current) => {
      const exists = current.favourites.some((favourite) => sameCity(favourite, city));
      const favourites = exists
        ? current.favourites.filter((favourite) => !sameCity(favourite, city))
        : [...current.favourites, city];
      return { ...current, favourites };
    });
  }, []);

  const value = useMemo(() => ({ preferences, update, toggleFavourite }), [preferences, update, toggleFavourite]);
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
