import { describe, expect, it } from 'vitest';
import { FAVOURITES_STORAGE_KEY, loadFavourites } from '@/features/favourites/favourites';
import { loadPreferences, PREFERENCES_STORAGE_KEY } from '@/features/preferences/preferences';
import { migrateStorage } from './migrate-storage';

const texas = { locationId: 4717560, name: 'Paris', admin1: 'Texas', country: 'United States', countryCode: 'US' };
const france = { locationId: 2988507, name: 'Paris', admin1: null, country: 'France', countryCode: 'FR' };
const stored = (key: string) => JSON.parse(window.localStorage.getItem(key) ?? 'null');

describe('migrateStorage', () => {
  it('moves the favourites that earlier versions stored with the preferences', () => {
    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify({ lang: 'fr', favourites: [texas] }));
    migrateStorage();
    expect(loadFavourites()).toEqual([texas]);
    expect(loadPreferences().lang).toBe('fr');
    expect(stored(PREFERENCES_STORAGE_KEY)).toEqual({ lang: 'fr' });
  });

  it('keeps favourites saved under their own key over older ones', () => {
    window.localStorage.setItem(FAVOURITES_STORAGE_KEY, JSON.stringify([france]));
    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify({ favourites: [texas] }));
    migrateStorage();
    expect(loadFavourites()).toEqual([france]);
    expect(stored(PREFERENCES_STORAGE_KEY)).toEqual({});
  });

  it('splits the single units choice of earlier versions into three', () => {
    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify({ units: 'imperial', lang: 'fr' }));
    migrateStorage();
    expect(stored(PREFERENCES_STORAGE_KEY)).toEqual({
      temperatureUnit: 'fahrenheit',
      windUnit: 'mph',
      precipitationUnit: 'inch',
      lang: 'fr',
    });
    expect(loadPreferences()).toMatchObject({ temperatureUnit: 'fahrenheit', windUnit: 'mph', lang: 'fr' });

    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify({ units: 'metric', windUnit: 'bft' }));
    migrateStorage();
    expect(loadPreferences()).toMatchObject({ temperatureUnit: 'celsius', windUnit: 'bft', precipitationUnit: 'mm' });
  });

  it('leaves current and corrupt storage as it is', () => {
    const current = { temperatureUnit: 'fahrenheit', windUnit: 'kn', precipitationUnit: 'mm' };
    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify(current));
    migrateStorage();
    expect(stored(PREFERENCES_STORAGE_KEY)).toEqual(current);
    expect(window.localStorage.getItem(FAVOURITES_STORAGE_KEY)).toBeNull();

    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, '{not json');
    migrateStorage();
    expect(window.localStorage.getItem(PREFERENCES_STORAGE_KEY)).toBe('{not json');
  });
});
