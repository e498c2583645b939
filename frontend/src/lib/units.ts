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

/** The three quantities a reader picks a unit for; the API's own units are °C, km/h and mm. */
export type Quantity = 'temperature' | 'wind' | 'precipitation';
export type QuantityUnit = TemperatureUnit | WindUnit | PrecipitationUnit;

/** The reader's unit for each quantity. */
export type ChosenUnits = { temperature: TemperatureUnit; wind: WindUnit; precipitation: PrecipitationUnit };

export const UNIT_SYMBOL: Record<QuantityUnit, string> = {
  celsius: '°C',
  fahrenheit: '°F',
  kmh: 'km/h',
  ms: 'm/s',
  mph: 'mph',
  kn: 'kn',
  bft: 'Bft',
  mm: 'mm',
  inch: 'in',
};

const KM_PER_MILE = 1.609344;
const KM_PER_NAUTICAL_MILE = 1.852;
/** km/h in one of each wind unit (Beaufort is a scale: see BEAUFORT_FROM_KMH). */
const KMH_PER: Record<Exclude<WindUnit, 'bft'>, number> = {
  kmh: 1,
  ms: 3.6,
  mph: KM_PER_MILE,
  kn: KM_PER_NAUTICAL_MILE,
};
/** The lowest speed (km/h) of Beaufort forces 1 to 12 (WMO's table, as the server has it). */
export const BEAUFORT_FROM_KMH = [1, 6, 12, 20, 29, 39, 50, 62, 75, 89, 103, 118] as const;
const MM_PER_INCH = 25.4;

/** Decimals worth showing of a value in each unit. */
const DECIMALS: Record<QuantityUnit, number> = {
  celsius: 1,
  fahrenheit: 1,
  kmh: 1,
  ms: 1,
  mph: 1,
  kn: 1,
  bft: 0,
  mm: 1,
  inch: 2,
};

const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** The Beaufort force (0–12) of a speed in km/h. */
export const beaufortOf = (kmh: number): number => BEAUFORT_FROM_KMH.filter((low) => kmh >= low).length;

/** A value in the API's unit (°C, km/h, mm) shown in `unit`, rounded to what is worth showing. */
export function fromMetric(value: number, unit: QuantityUnit): number {
  switch (unit) {
    case 'fahrenheit':
      return round((value * 9) / 5 + 32, DECIMALS[unit]);
    case 'bft':
      return beaufortOf(value);
    case 'inch':
      return round(value / MM_PER_INCH, DECIMALS[unit]);
    case 'ms':
    case 'mph':
    case 'kn':
      return round(value / KMH_PER[unit], DECIMALS[unit]);
    default:
      return round(value, DECIMALS[unit]);
  }
}

/** A value the reader typed in `unit`, in the API's unit (°C, km/h, mm); a Beaufort force is
 * its lowest speed in km/h (force 0 is 0). */
export function toMetric(value: number, unit: QuantityUnit): number {
  switch (unit) {
    case 'fahrenheit':
      return round(((value - 32) * 5) / 9, 2);
    case 'bft': {
      const force = Math.min(12, Math.max(0, Math.round(value)));
      return force === 0 ? 0 : BEAUFORT_FROM_KMH[force - 1]!;
    }
    case 'inch':
      return round(value * MM_PER_INCH, 2);
    case 'ms':
    case 'mph':
    case 'kn':
      return round(value * KMH_PER[unit], 2);
    default:
      return value;
  }
}

/** An API bound (°C, km/h, mm) shown in `unit` so that the shown value itself is allowed: a
 * lowest bound rounded up, a highest one down (6.2 mph would be 9.98 km/h, under 10). */
export function boundIn(value: number, unit: QuantityUnit, side: 'min' | 'max'): number {
  const step = unit === 'bft' ? 1 : 10 ** -DECIMALS[unit];
  let shown = fromMetric(value, unit);
  for (let i = 0; i < 3; i += 1) {
    const back = toMetric(shown, unit);
    if (side === 'min' ? back >= value : back <= value) break;
    shown = round(shown + (side === 'min' ? step : -step), DECIMALS[unit]);
  }
  return shown;
}
