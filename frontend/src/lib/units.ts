// The API answers metric; we convert on the client so switching units needs no refetch.

export type TemperatureUnit = 'celsius' | 'fahrenheit';
export type WindUnit = 'kmh' | 'mph';

const KM_PER_MILE = 1.609344;

export const celsiusToFahrenheit = (celsius: number): number => (celsius * 9) / 5 + 32;

export const kmhToMph = (kmh: number): number => kmh / KM_PER_MILE;

export function convertTemperature(celsius: number, unit: TemperatureUnit): number {
  return unit === 'fahrenheit' ? celsiusToFahrenheit(celsius) : celsius;
}

/** A temperature difference (trend delta) scales but does not shift. */
export function convertTemperatureDelta(celsius: number, unit: TemperatureUnit): number {
  return unit === 'fahrenheit' ? (celsius * 9) / 5 : celsius;
}

export function convertWindSpeed(kmh: number, unit: WindUnit): number {
  return unit === 'mph' ? kmhToMph(kmh) : kmh;
}

export const temperatureSymbol = (unit: TemperatureUnit): string => (unit === 'fahrenheit' ? '°F' : '°C');

export const windSymbol = (unit: WindUnit): string => (unit === 'mph' ? 'mph' : 'km/h');

const NO_VALUE = '—';

/** Rounds half away from zero so -0.5 reads as -1 rather than "-0". */
function roundWhole(value: number): number {
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  return Object.is(rounded, -0) ? 0 : rounded;
}

export function formatTemperature(
  celsius: number | null | undefined,
  unit: TemperatureUnit,
  locale: string,
  withUnit = true,
): string {
  if (celsius === null || celsius === undefined) return NO_VALUE;
  const value = new Intl.NumberFormat(locale).format(roundWhole(convertTemperature(celsius, unit)));
  return withUnit ? `${value}${temperatureSymbol(unit)}` : `${value}°`;
}

export function formatWindSpeed(kmh: number | null | undefined, unit: WindUnit, locale: string): string {
  if (kmh === null || kmh === undefined) return NO_VALUE;
  const value = new Intl.NumberFormat(locale).format(roundWhole(convertWindSpeed(kmh, unit)));
  return `${value} ${windSymbol(unit)}`;
}

export function formatPrecipitation(mm: number | null | undefined, locale: string): string {
  if (mm === null || mm === undefined) return NO_VALUE;
  const value = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(mm);
  return `${value} mm`;
}

export function formatPercent(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return NO_VALUE;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
}

const COMPASS_POINTS = [
  'N',
  'NNE',
  'NE',
  'ENE',
  'E',
  'ESE',
  'SE',
  'SSE',
  'S',
  'SSW',
  'SW',
  'WSW',
  'W',
  'WNW',
  'NW',
  'NNW',
] as const;
export type CompassPoint = (typeof COMPASS_POINTS)[number];

/** 16-point compass name for the direction the wind comes from (meteorological degrees). */
export function compassPoint(degrees: number): CompassPoint {
  const index = Math.round((((degrees % 360) + 360) % 360) / 22.5) % 16;
  return COMPASS_POINTS[index] ?? 'N';
}
