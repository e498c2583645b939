import { ageInWords } from './forecast-age';
import { LAST_FORECASTS_STORAGE_KEY, lastForecastOf, rememberLastForecast } from './last-forecasts';

describe('ageInWords', () => {
  const at = '2026-03-01T09:00:00Z';
  const later = (seconds: number) => Date.parse(at) + seconds * 1000;

  it('says the largest whole unit in the reader language', () => {
    expect(ageInWords(at, later(3 * 3600 + 59 * 60), 'en-GB')).toBe('3 hours ago');
    expect(ageInWords(at, later(3 * 3600 + 59 * 60), 'fr-FR')).toBe('il y a 3 heures');
    expect(ageInWords(at, later(25 * 60), 'en-GB')).toBe('25 minutes ago');
    expect(ageInWords(at, later(26 * 3600), 'en-GB')).toBe('yesterday');
    expect(ageInWords(at, later(26 * 3600), 'fr-FR')).toBe('hier');
  });

  it('says now under a minute, also for a clock slightly behind the server', () => {
    expect(ageInWords(at, later(30), 'en-GB')).toBe('now');
    expect(ageInWords(at, later(-5), 'fr-FR')).toBe('maintenant');
  });
});

describe('last forecasts', () => {
  beforeEach(() => window.localStorage.clear());

  it('keeps the newest search read for each place', () => {
    rememberLastForecast(2988507, 'a-search');
    rememberLastForecast(2643743, 'london');
    rememberLastForecast(2988507, 'b-search');
    expect(lastForecastOf(2988507)).toBe('b-search');
    expect(lastForecastOf(2643743)).toBe('london');
    expect(lastForecastOf(1)).toBeNull();
    expect(lastForecastOf(null)).toBeNull();
  });

  it('keeps the fifty most recent places', () => {
    for (let id = 1; id <= 51; id++) rememberLastForecast(id, `search-${id}`);
    expect(Object.keys(JSON.parse(window.localStorage.getItem(LAST_FORECASTS_STORAGE_KEY)!))).toHaveLength(50);
  });

  it('reads a damaged entry as none', () => {
    window.localStorage.setItem(LAST_FORECASTS_STORAGE_KEY, 'not json');
    expect(lastForecastOf(2988507)).toBeNull();
    rememberLastForecast(2988507, 'fresh');
    expect(lastForecastOf(2988507)).toBe('fresh');
  });
});
