// What earlier versions stored under one feature's key that now belongs to another. Each
// feature reads only its own key; main.tsx runs this once, before the providers load.
import { FAVOURITES_STORAGE_KEY } from '@/features/favourites/favourites';
import { PREFERENCES_STORAGE_KEY } from '@/features/preferences/preferences';

/** Earlier versions kept favourites inside the preferences: move them to their own key. */
export function migrateStorage(storage?: Storage): void {
  try {
    const store = storage ?? window.localStorage;
    const raw = store.getItem(PREFERENCES_STORAGE_KEY);
    const stored: unknown = raw ? JSON.parse(raw) : null;
    if (typeof stored !== 'object' || stored === null || !('favourites' in stored)) return;
    const { favourites, ...preferences } = stored as Record<string, unknown>;
    // Favourites saved since the split are newer than the ones left in the preferences.
    if (store.getItem(FAVOURITES_STORAGE_KEY) === null) {
      store.setItem(FAVOURITES_STORAGE_KEY, JSON.stringify(favourites));
    }
    store.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify(preferences));
  } catch {
    // Private mode, full storage or corrupt JSON: each feature falls back on its own.
  }
}
