// Shapes of issue 20's additions to the API, written from the agreed contract until the
// generated types (api.gen.ts) name them; each field is optional or nullable where an older
// API may leave it out, so the SPA shows "not available" rather than failing.
import type { CurrentConditions, DailyPoint, HourlyPoint, Search } from './api';

export type NowcastStep = { time: string; precipitation: number | null };

export type Nowcast = {
  /** "interpolated" where no 15-minute data exists: the SPA says it is an estimate. */
  source: 'minutely_15' | 'interpolated';
  /** The next two hours, 15 minutes each. */
  steps: NowcastStep[];
  summary: {
    kind: 'none' | 'starting' | 'ongoing' | 'stopping';
    at: string | null;
    intensity: 'light' | 'moderate' | 'heavy' | null;
  };
};

export type Yesterday = { temperature: number | null; difference: number | null };

/** The weather body of a search with issue 20's fields. */
export type WeatherBody = Omit<Search, 'current' | 'hourly' | 'daily'> & {
  current: CurrentConditions & { uv_index?: number | null };
  hourly: (HourlyPoint & { uv_index?: number | null })[];
  daily: (DailyPoint & { uv_index_max?: number | null })[];
  nowcast?: Nowcast | null;
  yesterday?: Yesterday | null;
};

export const POLLEN_KINDS = ['alder', 'birch', 'grass', 'mugwort', 'olive', 'ragweed'] as const;
export type PollenKind = (typeof POLLEN_KINDS)[number];

export type AqiBand = { key: string; colour: string; text_colour: string };
export type PollenLevel = 'low' | 'moderate' | 'high' | 'very_high';
export type PollenReading = { value: number | null; level: PollenLevel | null };

/** GET /api/v1/air-quality/: null means "not available", never zero. */
export type AirQuality = {
  european_aqi: number | null;
  us_aqi: number | null;
  pm2_5: number | null;
  pm10: number | null;
  nitrogen_dioxide: number | null;
  ozone: number | null;
  bands: { european_aqi: AqiBand | null; us_aqi: AqiBand | null };
  pollen: Record<PollenKind, PollenReading> | null;
  pollen_available: boolean;
  units: { pm2_5: string; pm10: string; nitrogen_dioxide: string; ozone: string; pollen: string };
};

/** One card of GET /api/v1/weather/overview/. */
export type PlaceOverview = {
  id: number;
  name: string;
  country: string;
  temperature: number | null;
  weather_code: number | null;
  today_min: number | null;
  today_max: number | null;
  next_rain: string | null;
  alert: boolean;
};
