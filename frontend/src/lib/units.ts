// The units a reader may choose, each on its own, as the API's parameters name them.
export const TEMPERATURE_UNITS = ['celsius', 'fahrenheit'] as const;
export const WIND_UNITS = ['kmh', 'ms', 'mph', 'kn', 'bft'] as const;
export const PRECIPITATION_UNITS = ['mm', 'inch'] as const;
export type TemperatureUnit = (typeof TEMPERATURE_UNITS)[number];
export type WindUnit = (typeof WIND_UNITS)[number];
export type PrecipitationUnit = (typeof PRECIPITATION_UNITS)[number];

/** The query parameters of a weather request that carry the reader's units. */
export type UnitParams = {
  temperature_unit: TemperatureUnit;
  wind_unit: WindUnit;
  precipitation_unit: PrecipitationUnit;
};
