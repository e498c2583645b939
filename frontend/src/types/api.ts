// Names for the API's shapes, over the types generated from its OpenAPI schema
// (api.gen.ts, written by `npm run gen:api`).
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

export type ProcessingResult = NonNullable<Schemas['ProcessingResultOutput']>;
export type Notification = Schemas['ResultNotificationOutput'];
export type Comfort = NonNullable<Schemas['AnalysisOutput']['comfort']>;
export type WeatherFlag = Schemas['AnalysisOutput']['flags'][number];
export type Processing = Schemas['ProcessingOutput'];

/** A search in full, as POST /searches/ and GET /searches/{id}/ answer it. */
export type Search = Schemas['SearchOutput'];

/** A search in a list: without its hourly and daily forecast. */
export type SearchSummary = Schemas['SearchSummaryOutput'];

export type SearchPage = Omit<Schemas['PaginatedSearchSummaryOutputList'], 'results'> & { results: SearchSummary[] };

export type TaskState = Schemas['StateEnum'];
export type FailedPlace = Schemas['FailedPlaceOutput'];
/** A bulk refresh's progress: (done + failed) of total places. */
export type RefreshProgress = Schemas['ProgressOutput'];
export type TaskStatus = Schemas['TaskStatusOutput'];
export type RefreshQueued = Schemas['RefreshQueuedOutput'];
