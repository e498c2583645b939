// Shapes of the API answers (see docs/api.md). Numbers may be null when Open-Meteo has no value.

export type Location = {
  id: number;
  name: string;
  admin1: string | null;
  country: string | null;
  country_code: string | null;
  latitude: number;
  longitude: number;
  timezone: string;
  population?: number | null;
  elevation?: number | null;
  feature_code?: string | null;
};

export type CurrentConditions = {
  time: string;
  temperature: number | null;
  apparent_temperature: number | null;
  relative_humidity: number | null;
  precipitation: number | null;
  wind_speed: number | null;
  wind_direction: number | null;
  weather_code: number | null;
  description: string | null;
  is_day: boolean;
};

export type HourlyPoint = {
  time: string;
  temperature: number | null;
  apparent_temperature: number | null;
  precipitation_probability: number | null;
  precipitation: number | null;
  weather_code: number | null;
  wind_speed: number | null;
  is_day: boolean;
};

export type DailyPoint = {
  date: string;
  weather_code: number | null;
  description: string | null;
  temperature_max: number | null;
  temperature_min: number | null;
  precipitation_sum: number | null;
  precipitation_probability_max: number | null;
  sunrise: string | null;
  sunset: string | null;
};

export type ProcessingStatus = 'pending' | 'processed' | 'failed';

export type Comfort = 'freezing' | 'cold' | 'cool' | 'comfortable' | 'warm' | 'hot' | 'humid' | 'windy';
export type WeatherFlag = 'heat' | 'frost' | 'strong_wind' | 'heavy_precipitation';

export type Notification = {
  kind: string;
  severity: 'info' | 'warning' | 'danger' | string;
  message: string;
};

export type ProcessingResult = {
  statistics: {
    search_count: number;
    temperature_min: number | null;
    temperature_avg: number | null;
    temperature_max: number | null;
    first_searched_at: string | null;
    last_searched_at: string | null;
  };
  analysis: {
    comfort: Comfort | null;
    flags: WeatherFlag[];
    compared_to_today: 'below' | 'within' | 'above' | null;
    compared_to_history: 'colder' | 'typical' | 'warmer' | 'first' | null;
    trend: { direction: 'warming' | 'cooling' | 'steady'; delta: number | null } | null;
  };
  notifications: Notification[];
};

export type Processing = {
  status: ProcessingStatus;
  task_id: string | null;
  status_url: string | null;
  result: ProcessingResult | null;
  processed_at: string | null;
};

export type Search = {
  id: number;
  query: string;
  created_at: string;
  location: Location;
  current: CurrentConditions;
  hourly?: HourlyPoint[];
  daily?: DailyPoint[];
  units: Record<string, string>;
  unit_system: 'metric' | 'imperial';
  lang: string;
  stale: boolean;
  processing: Processing;
};

export type Page<T> = {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
};

export type Stats = {
  total_searches: number;
  top_cities: { location_id: number; name: string; country: string | null; searches: number }[];
  searches_per_day: { date: string; searches: number }[];
  temperature_by_city: {
    location_id: number;
    name: string;
    country: string | null;
    min: number | null;
    avg: number | null;
    max: number | null;
  }[];
  units: { temperature: string };
};

export type Health = { status: string; sample_data: boolean };

export type ApiErrorBody = {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string[]>;
    retry_after?: number;
  };
};

export type TaskState = 'PENDING' | 'STARTED' | 'RETRY' | 'SUCCESS' | 'FAILURE' | 'CANCELLED';

export type FailedPlace = { location_id: number; name: string; reason: string };

/** A bulk refresh's progress: (done + failed) of total places. */
export type RefreshProgress = {
  total: number;
  done: number;
  failed: FailedPlace[];
  started_at: string | null;
  finished_at: string | null;
};

export type TaskStatus = {
  id: string;
  state: TaskState;
  result: unknown;
  error: string | null;
  progress?: RefreshProgress;
};

export type RefreshQueued = { task_id: string; status_url: string; total: number };
