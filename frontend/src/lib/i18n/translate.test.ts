import { describe, expect, it } from 'vitest';
import { en, fr } from './messages';
import { interpolate, localeFor, translate, translatePlural } from './translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('messages', () => {
  it('translates every English key into French with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(fr[key], key).toBeTruthy();
      expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
    }
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });
});

describe('translate', () => {
  it('fills placeholders', () => {
    expect(translate('en', 'weather.feelsLike', { value: '5°C' })).toBe('Feels like 5°C');
    expect(translate('fr', 'weather.feelsLike', { value: '5°C' })).toBe('Ressenti 5°C');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('picks plural forms by language rules', () => {
    expect(translatePlural('en', 'history.count', 1)).toBe('1 search');
    expect(translatePlural('en', 'history.count', 0)).toBe('0 searches');
    // French treats 0 and 1 as singular.
    expect(translatePlural('fr', 'history.count', 0)).toBe('0 recherche');
    expect(translatePlural('fr', 'history.count', 1200)).toMatch(/^1\s200 recherches$/);
  });

  it('uses the reader’s regional variant of the chosen language', () => {
    expect(localeFor('en', ['en-US', 'fr-FR'])).toBe('en-US');
    expect(localeFor('fr', ['en-US', 'fr-CA'])).toBe('fr-CA');
    expect(localeFor('fr', ['en-US'])).toBe('fr-FR');
  });
});
