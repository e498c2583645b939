import { describe, expect, it } from 'vitest';
import { FAVOURITES_STORAGE_KEY, loadFavourites, sameCity } from './favourites';

const france = { locationId: 2988507, name: 'Paris', admin1: null, country: 'France', countryCode: 'FR' };
const texas = { locationId: 4717560, name: 'Paris', admin1: 'Texas', country: 'United States', countryCode: 'US' };

describe('favourites', () => {
  it('drops malformed stored entries', () => {
    window.localStorage.setItem(FAVOURITES_STORAGE_KEY, JSON.stringify([france, { nope: true }, 'Paris']));
    expect(loadFavourites()).toEqual([france]);
  });

  it('survives corrupt JSON', () => {
    window.localStorage.setItem(FAVOURITES_STORAGE_KEY, '{not json');
    expect(loadFavourites()).toEqual([]);
  });

  it('tells homonyms apart by GeoNames id', () => {
    expect(sameCity(france, texas)).toBe(false);
    expect(sameCity(france, { ...france })).toBe(true);
  });
});
