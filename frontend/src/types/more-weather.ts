// Names for issue 20's shapes, over the types generated from the API's schema (api.gen.ts).
import type { components } from './api.gen';
import type { Search } from './api';

type Schemas = components['schemas'];

/** Rain in the next two hours, by quarter hour. */
export type Nowcast = Schemas['NowcastOutput'];
export type Yesterday = Schemas['YesterdayOutput'];
export type UvBand = Schemas['UvBandEnum'];

/** The weather body of a search: its report, the next two hours, yesterday and UV. */
export type WeatherBody = Search;

export const POLLEN_KINDS = ['alder', 'birch', 'grass', 'mugwort', 'olive', 'ragweed'] as const;
export type PollenKind = (typeof POLLEN_KINDS)[number];
export type PollenLevel = Schemas['PollenLevelEnum'];
export type PollenReading = Schemas['PollenReadingOutput'];

/** GET /api/v1/air-quality/: null means "not available", never zero. */
export type AirQuality = Schemas['AirQualityOutput'];

/** One card of GET /api/v1/weather/overview/. */
export type PlaceOverview = Schemas['OverviewCardOutput'];
export type Overview = Schemas['OverviewOutput'];
