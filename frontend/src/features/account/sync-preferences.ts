// How this browser's preferences and an account's meet. The preferences feature keeps them
// (in localStorage); app/ wires these functions to it, since features do not import each other.
import type { AccountPreferences } from './api/me';

/** The preferences as the preferences feature stores them (the same shape, named here). */
export type SyncedPreferences = {
  temperatureUnit: AccountPreferences['temperature_unit'];
  windUnit: AccountPreferences['wind_unit'];
  precipitationUnit: AccountPreferences['precipitation_unit'];
  lang: AccountPreferences['language'];
  theme: AccountPreferences['theme'];
};

/** Only the synced fields (a store may hold more). */
export const toAccountPreferences = (preferences: SyncedPreferences): AccountPreferences => ({
  temperature_unit: preferences.temperatureUnit,
  wind_unit: preferences.windUnit,
  precipitation_unit: preferences.precipitationUnit,
  language: preferences.lang,
  theme: preferences.theme,
});

export const fromAccountPreferences = (account: AccountPreferences): SyncedPreferences => ({
  temperatureUnit: account.temperature_unit,
  windUnit: account.wind_unit,
  precipitationUnit: account.precipitation_unit,
  lang: account.language,
  theme: account.theme,
});

export const samePreferences = (a: AccountPreferences, b: AccountPreferences): boolean =>
  (Object.keys(a) as (keyof AccountPreferences)[]).every((key) => a[key] === b[key]);
