// The last stored search read for each place, kept in localStorage, so a favourite opened
// offline shows its last forecast: the page names that search, and the service worker
// answers its read from the copy it kept (src/sw.ts, network first).
export const LAST_FORECASTS_STORAGE_KEY = 'weather-app:last-forecasts';
const MAX_PLACES = 50;

type LastForecasts = Record<string, { searchId: string; at: number }>;

function load(storage: Storage): LastForecasts {
  try {
    const stored: unknown = JSON.parse(storage.getItem(LAST_FORECASTS_STORAGE_KEY) ?? '{}');
    return typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as LastForecasts) : {};
  } catch {
    return {};
  }
}

/** Notes that `searchId` is the newest forecast read for the place `locationId`. */
export function rememberLastForecast(locationId: number, searchId: string, storage: Storage = window.localStorage) {
  try {
    const merged: LastForecasts = { ...load(storage), [locationId]: { searchId, at: Date.now() } };
    const entries = Object.entries(merged)
      .sort(([, a], [, b]) => b.at - a.at)
      .slice(0, MAX_PLACES);
    storage.setItem(LAST_FORECASTS_STORAGE_KEY, JSON.stringify(Object.fromEntries(entries)));
  } catch {
    // Storage full or refused: offline reading is a bonus, never an error.
  }
}

/** The last search read for this place, or null. */
export function lastForecastOf(locationId: number | null, storage: Storage = window.localStorage): string | null {
  if (locationId === null) return null;
  const entry = load(storage)[String(locationId)];
  return typeof entry?.searchId === 'string' ? entry.searchId : null;
}
