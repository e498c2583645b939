// Realistic API answers for tests, typed by the types generated from the API's schema.
import type { Lang } from '@/lib/i18n/messages';
import type {
  DailyPoint,
  HourlyPoint,
  Location,
  ProcessingResult,
  Search,
  SearchPage,
  SearchSummary,
  Stats,
  Units,
  UnitSystem,
} from '@/types/api';
import type { AirQuality, Nowcast, PlaceOverview, PollenLevel, WeatherBody } from '@/types/more-weather';

export const parisFrance: Location = {
  id: 2988507,
  name: 'Paris',
  admin1: 'Île-de-France',
  country: 'France',
  country_code: 'FR',
  latitude: 48.85341,
  longitude: 2.3488,
  timezone: 'Europe/Paris',
  population: 2138551,
  elevation: 42,
  feature_code: 'PPLC',
};

export const parisTexas: Location = {
  id: 4717560,
  name: 'Paris',
  admin1: 'Texas',
  country: 'United States',
  country_code: 'US',
  latitude: 33.66094,
  longitude: -95.55551,
  timezone: 'America/Chicago',
  population: 24171,
  elevation: 183,
  feature_code: 'PPLA2',
};

export const METRIC_UNITS: Units = {
  temperature: '°C',
  wind_speed: 'km/h',
  precipitation: 'mm',
  relative_humidity: '%',
  wind_direction: '°',
  precipitation_probability: '%',
};

export const IMPERIAL_UNITS: Units = { ...METRIC_UNITS, temperature: '°F', wind_speed: 'mph', precipitation: 'in' };

const pad = (n: number) => String(n).padStart(2, '0');

/** 48 hours from 17:00 on 29 Nov (+01:00), temperatures swinging between 3 and 9 °C. */
export function makeHourly(count = 48): HourlyPoint[] {
  return Array.from({ length: count }, (_, i) => {
    const hour = (17 + i) % 24;
    const day = 29 + Math.floor((17 + i) / 24);
    const date = day > 30 ? `2026-12-${pad(day - 30)}` : `2026-11-${pad(day)}`;
    return {
      time: `${date}T${pad(hour)}:00:00+01:00`,
      temperature: 6 + 3 * Math.sin(i / 4),
      apparent_temperature: 4 + 3 * Math.sin(i / 4),
      precipitation_probability: i % 12 === 0 ? 60 : 10,
      precipitation: i % 12 === 0 ? 0.8 : 0,
      weather_code: i % 12 === 0 ? 61 : 3,
      description: i % 12 === 0 ? 'Slight rain' : 'Overcast',
      wind_speed: 10.4,
      is_day: hour >= 8 && hour < 17,
      uv_index: hour >= 8 && hour < 17 ? 1 : 0,
    };
  });
}

export function makeDaily(): DailyPoint[] {
  return Array.from({ length: 7 }, (_, i) => {
    const date = i < 2 ? `2026-11-${29 + i}` : `2026-12-${pad(i - 1)}`;
    return {
      date,
      weather_code: i === 0 ? 61 : 2,
      description: i === 0 ? 'Slight rain' : 'Partly cloudy',
      temperature_max: 9.4 - i * 0.5,
      temperature_min: 3.1 - i * 0.3,
      precipitation_sum: i === 0 ? 1.2 : 0,
      precipitation_probability_max: i === 0 ? 60 : 5,
      wind_speed_max: 18.5,
      sunrise: `${date}T08:24:00+01:00`,
      sunset: `${date}T16:56:00+01:00`,
      uv_index_max: 3.4,
      uv_band: 'moderate',
    };
  });
}

export const processedResult: ProcessingResult = {
  statistics: {
    search_count: 3,
    temperature_min: 4.2,
    temperature_avg: 7,
    temperature_max: 9.1,
    first_searched_at: '2026-11-27T10:00:00Z',
    last_searched_at: '2026-11-29T15:45:01Z',
  },
  analysis: {
    comfort: 'cool',
    flags: ['frost'],
    compared_to_today: 'within',
    compared_to_history: 'warmer',
    trend: { direction: 'cooling', delta: -3.5 },
  },
  notifications: [{ kind: 'frost', severity: 'warning', message: 'Frost expected on Tuesday night.' }],
};

/** Eight quarter hours from 16:45 (+01:00): dry, then light rain from 17:30. */
export const rainStartingNowcast: Nowcast = {
  source: 'minutely_15',
  steps: ['16:45', '17:00', '17:15', '17:30', '17:45', '18:00', '18:15', '18:30'].map((time, i) => ({
    time: `2026-11-29T${time}:00+01:00`,
    precipitation: i < 3 ? 0 : 0.3,
  })),
  summary: { kind: 'starting', at: '2026-11-29T17:30:00+01:00', intensity: 'light' },
};

export const dryNowcast: Nowcast = {
  source: 'interpolated',
  steps: rainStartingNowcast.steps.map((step) => ({ ...step, precipitation: 0 })),
  summary: { kind: 'none', at: null, intensity: null },
};

/** A search's public id (a UUID) for the number `n`: 42 → 00000000-0000-4000-8000-000000000042. */
export const searchId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function makeSearch(overrides: Partial<Search> = {}): Search {
  return {
    id: searchId(42),
    query: 'Paris',
    created_at: '2026-11-29T15:45:01.123456Z',
    location: parisFrance,
    current: {
      time: '2026-11-29T16:45:00+01:00',
      temperature: 8.1,
      apparent_temperature: 5.2,
      relative_humidity: 81,
      precipitation: 0,
      wind_speed: 12.6,
      wind_direction: 230,
      weather_code: 3,
      description: 'Overcast',
      is_day: true,
      uv_index: 1.2,
      uv_band: 'low',
    },
    hourly: makeHourly(),
    daily: makeDaily(),
    units: METRIC_UNITS,
    unit_system: 'metric',
    unit_choice: { temperature_unit: 'celsius', wind_unit: 'kmh', precipitation_unit: 'mm' },
    lang: 'en',
    stale: false,
    nowcast: rainStartingNowcast,
    yesterday: { temperature: 5.1, difference: 3 },
    processing: {
      status: 'pending',
      task_id: '5d1c',
      status_url: '/api/v1/tasks/5d1c/',
      result: null,
      processed_at: null,
    },
    ...overrides,
  };
}

export const processedSearch = <T extends SearchSummary>(search: T): T => ({
  ...search,
  processing: {
    ...search.processing,
    status: 'processed',
    result: processedResult,
    processed_at: '2026-11-29T15:45:03Z',
  },
});

export function makeSearchPage(total: number, page: number, pageSize = 20, view?: SearchView): SearchPage {
  const start = (page - 1) * pageSize;
  const results = Array.from({ length: Math.max(0, Math.min(pageSize, total - start)) }, (_, i) => {
    const search = makeSearch({ id: searchId(total - start - i) });
    const { hourly: _hourly, daily: _daily, ...summary } = view ? servedAs(search, view) : search;
    return processedSearch(summary);
  });
  // The API pages by opaque cursor; this fake's cursor is the page number.
  return {
    next: start + pageSize < total ? `http://api.test/api/v1/searches/?cursor=${page + 1}` : null,
    previous: page > 1 ? `http://api.test/api/v1/searches/?cursor=${page - 1}` : null,
    results,
  };
}

export const stats: Stats = {
  days: 30,
  total_searches: 57,
  top_cities: [
    { location_id: 2988507, name: 'Paris', country: 'France', searches: 12 },
    { location_id: 2950159, name: 'Berlin', country: 'Germany', searches: 7 },
  ],
  searches_per_day: [
    { date: '2026-11-27', searches: 4 },
    { date: '2026-11-29', searches: 9 },
  ],
  temperature_by_city: [
    { location_id: 2988507, name: 'Paris', country: 'France', min: 3.1, avg: 7.4, max: 11 },
    { location_id: 2950159, name: 'Berlin', country: 'Germany', min: -2, avg: 1.5, max: 4 },
  ],
  units: { temperature: '°C' },
};

/** The same statistics as the API answers them for units=imperial. */
export const imperialStats: Stats = {
  ...stats,
  temperature_by_city: [
    { location_id: 2988507, name: 'Paris', country: 'France', min: 37.6, avg: 45.3, max: 51.8 },
    { location_id: 2950159, name: 'Berlin', country: 'Germany', min: 28.4, avg: 34.7, max: 39.2 },
  ],
  units: { temperature: '°F' },
};

export type SearchView = { lang: Lang; units: UnitSystem };

// Stand-ins for the server's wording and conversion, enough for the fixtures above.
const FRENCH: Record<string, string> = {
  Overcast: 'Couvert',
  'Slight rain': 'Pluie faible',
  'Partly cloudy': 'Partiellement nuageux',
  'Clear sky': 'Ciel dégagé',
};
const fahrenheit = (celsius: number | null) => (celsius === null ? null : Math.round((celsius * 1.8 + 32) * 10) / 10);
const mph = (kmh: number | null) => (kmh === null ? null : Math.round((kmh / 1.609344) * 10) / 10);
// A temperature difference: scaled, never shifted by 32.
const fahrenheitDelta = (celsius: number | null) => (celsius === null ? null : Math.round(celsius * 18) / 10);

function imperialResult(result: ProcessingResult | null): ProcessingResult | null {
  if (result === null) return null;
  const { statistics, analysis } = result;
  return {
    ...result,
    statistics: {
      ...statistics,
      temperature_min: fahrenheit(statistics.temperature_min),
      temperature_avg: fahrenheit(statistics.temperature_avg),
      temperature_max: fahrenheit(statistics.temperature_max),
    },
    analysis: {
      ...analysis,
      trend: analysis.trend && { ...analysis.trend, delta: fahrenheitDelta(analysis.trend.delta) },
    },
  };
}
const inches = (mm: number | null) => (mm === null ? null : Math.round((mm / 25.4) * 100) / 100);

/** A search as the API answers it for this language and these units. */
export function servedAs(search: Search, { lang, units }: SearchView): Search {
  const word = (text: string) => (lang === 'fr' ? (FRENCH[text] ?? text) : text);
  const served: Search = {
    ...search,
    lang,
    current: { ...search.current, description: word(search.current.description) },
    hourly: search.hourly.map((hour) => ({ ...hour, description: word(hour.description) })),
    daily: search.daily.map((day) => ({ ...day, description: word(day.description) })),
  };
  if (units === 'metric') return served;
  const { current } = served;
  return {
    ...served,
    processing: { ...served.processing, result: imperialResult(served.processing.result) },
    unit_system: 'imperial',
    unit_choice: { temperature_unit: 'fahrenheit', wind_unit: 'mph', precipitation_unit: 'inch' },
    units: IMPERIAL_UNITS,
    current: {
      ...current,
      temperature: fahrenheit(current.temperature),
      apparent_temperature: fahrenheit(current.apparent_temperature),
      wind_speed: mph(current.wind_speed),
      precipitation: inches(current.precipitation),
    },
    hourly: served.hourly.map((hour) => ({
      ...hour,
      temperature: fahrenheit(hour.temperature),
      apparent_temperature: fahrenheit(hour.apparent_temperature),
      wind_speed: mph(hour.wind_speed),
      precipitation: inches(hour.precipitation),
    })),
    daily: served.daily.map((day) => ({
      ...day,
      temperature_max: fahrenheit(day.temperature_max),
      temperature_min: fahrenheit(day.temperature_min),
      precipitation_sum: inches(day.precipitation_sum),
      wind_speed_max: mph(day.wind_speed_max),
    })),
  };
}

// --- Issue 20: rain in the next two hours, yesterday, UV, air quality, the overview ---------

/** A search whose next two hours are `nowcast`. */
export const withNowcast = (search: Search, nowcast: Nowcast): WeatherBody => ({ ...search, nowcast });

const band = (key: string, colour: string) => ({ key, colour, text_colour: '#000000' });
const pollen = (value: number | null, level: PollenLevel | null) => ({ value, level });

/** Paris in spring: a European index, and pollen (one species not available). */
export const europeanAir: AirQuality = {
  latitude: 48.9,
  longitude: 2.3,
  timezone: 'Europe/Paris',
  time: '2026-11-29T16:00:00+01:00',
  european_aqi: 35,
  us_aqi: 52,
  pm2_5: 9.6,
  pm10: 15.2,
  nitrogen_dioxide: 21.4,
  ozone: null,
  bands: { european_aqi: band('fair', '#50ccaa'), us_aqi: band('moderate', '#ffff00') },
  pollen: {
    alder: pollen(2, 'low'),
    birch: pollen(85, 'high'),
    grass: pollen(12, 'moderate'),
    mugwort: pollen(0, 'low'),
    olive: pollen(null, null),
    ragweed: pollen(0, 'low'),
  },
  pollen_available: true,
  units: { pm2_5: 'μg/m³', pm10: 'μg/m³', nitrogen_dioxide: 'μg/m³', ozone: 'μg/m³', pollen: 'grains/m³' },
  hourly: [],
  scales: {
    european_aqi: [],
    us_aqi: [],
    pollen: { alder: [], birch: [], grass: [], mugwort: [], olive: [], ragweed: [] },
  },
  stale: false,
};

/** Texas: the US index, no pollen model there. */
export const americanAir: AirQuality = {
  ...europeanAir,
  european_aqi: 28,
  us_aqi: 112,
  bands: { european_aqi: band('fair', '#50ccaa'), us_aqi: band('unhealthy_for_sensitive_groups', '#ff7e00') },
  pollen: null,
  pollen_available: false,
};

export function placeOverview(location: Location, overrides: Partial<PlaceOverview> = {}): PlaceOverview {
  return {
    id: location.id,
    name: location.name,
    country: location.country,
    temperature: 8.1,
    weather_code: 3,
    description: 'Overcast',
    today_min: 3.1,
    today_max: 9.4,
    next_rain: '2026-11-29T18:00:00+01:00',
    alert: false,
    stale: false,
    ...overrides,
  };
}
