// Names for the API's shapes, over the types generated from its OpenAPI schema
// (api.gen.ts, written by `npm run gen:api`). Only what the schema leaves open is spelled
// out here: `processing.result` is a JSON field there, its shape documented in docs/api.md.
import type { components } from './api.gen';

type Schemas = components['schemas'];

export type Location = Schemas['LocationOutput'];
export type CurrentConditions = Schemas['CurrentOutput'];
export type HourlyPoint = Schemas['HourlyOutput'];
export type DailyPoint = Schemas['DailyOutput'];
export type Units = Schemas['UnitsOutput'];
export type UnitSystem = Schemas['UnitSystemEnum'];
export type ProcessingStatus = Schemas['ProcessingOutputStatusEnum'];
export type SearchRequest = Schemas['SearchInputRequest'];
export type Stats = Schemas['StatsOutput'];
export type Health = Schemas['HealthOutput'];
export type ApiErrorBody = Schemas['ErrorOutput'];

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

export type Processing = Omit<Schemas['ProcessingOutput'], 'result'> & { result: ProcessingResult | null };

/** A search in full, as POST /searches/ and GET /searches/{id}/ answer it. */
export type Search = Omit<Schemas['SearchOutput'], 'processing'> & { processing: Processing };

/** A search in a list: without its hourly and daily forecast. */
export type SearchSummary = Omit<Schemas['SearchSummaryOutput'], 'processing'> & { processing: Processing };

export type SearchPage = Omit<Schemas['PaginatedSearchSummaryOutputList'], 'results'> & { results: SearchSummary[] };

export type TaskState = Schemas['StateEnum'];
export type FailedPlace = Schemas['FailedPlaceOutput'];
/** A bulk refresh's progress: (done + failed) of total places. */
export type RefreshProgress = Schemas['ProgressOutput'];
export type TaskStatus = Schemas['TaskStatusOutput'];
export type RefreshQueued = Schemas['RefreshQueuedOutput'];
