// What earlier versions stored under one feature's key that now belongs to another, or in an
// older shape. Each feature reads only its own key; main.tsx runs this once, before the
// providers load.
import { FAVOURITES_STORAGE_KEY } from '@/features/favourites/favourites';
import { PREFERENCES_STORAGE_KEY, UNITS_OF_SYSTEM } from '@/features/preferences/preferences';

/** Earlier versions kept favourites inside the preferences: move them to their own key. */
function moveFavourites(store: Storage, stored: Record<string, unknown>): Record<string, unknown> {
  if (!('favourites' in stored)) return stored;
  const { favourites, ...preferences } = stored;
  // Favourites saved since the split are newer than the ones left in the preferences.
  if (store.getItem(FAVOURITES_STORAGE_KEY) === null) {
    store.setItem(FAVOURITES_STORAGE_KEY, JSON.stringify(favourites));
  }
  return preferences;
}

/**
 * Earlier versions had one `units` choice (metric|imperial): split it into the three choices
 * it meant (°C, km/h, mm or °F, mph, inches). A unit chosen on its own since then wins.
 */
function splitUnits(stored: Record<string, unknown>): Record<string, unknown> {
  if (!('units' in stored)) return stored;
  const { units, ...preferences } = stored;
  const system = units === 'imperial' ? 'imperial' : 'metric';
  const meant = UNITS_OF_SYSTEM[system];
  return {
    temperatureUnit: meant.temperature_unit,
    windUnit: meant.wind_unit,
    precipitationUnit: meant.precipitation_unit,
    ...preferences,
  };
}

export function migrateStorage(storage?: Storage): void {
  try {
    const store = storage ?? window.localStorage;
    const raw = store.getItem(PREFERENCES_STORAGE_KEY);
    const stored: unknown = raw ? JSON.parse(raw) : null;
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return;
    const migrated = splitUnits(moveFavourites(store, stored as Record<string, unknown>));
    if (migrated !== stored) store.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify(migrated));
  } catch {
    // Private mode, full storage or corrupt JSON: each feature falls back on its own.
  }
}
