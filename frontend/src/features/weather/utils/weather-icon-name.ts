// Which icon shows a WMO weather code (as used by Open-Meteo). The wording of each code
// comes from the API, in the language asked for; only the picture is chosen here.

export type WeatherIconName =
  | 'clear-day'
  | 'clear-night'
  | 'partly-cloudy-day'
  | 'partly-cloudy-night'
  | 'cloudy'
  | 'fog'
  | 'drizzle'
  | 'rain'
  | 'freezing-rain'
  | 'snow'
  | 'showers-day'
  | 'showers-night'
  | 'thunderstorm'
  | 'unknown';

type DayNight = { day: WeatherIconName; night: WeatherIconName };

const CLEAR: DayNight = { day: 'clear-day', night: 'clear-night' };
const PARTLY_CLOUDY: DayNight = { day: 'partly-cloudy-day', night: 'partly-cloudy-night' };
const SHOWERS: DayNight = { day: 'showers-day', night: 'showers-night' };

const ICONS: Record<number, WeatherIconName | DayNight> = {
  0: CLEAR,
  1: CLEAR,
  2: PARTLY_CLOUDY,
  3: 'cloudy',
  45: 'fog',
  48: 'fog',
  51: 'drizzle',
  53: 'drizzle',
  55: 'drizzle',
  56: 'freezing-rain',
  57: 'freezing-rain',
  61: 'rain',
  63: 'rain',
  65: 'rain',
  66: 'freezing-rain',
  67: 'freezing-rain',
  71: 'snow',
  73: 'snow',
  75: 'snow',
  77: 'snow',
  80: SHOWERS,
  81: SHOWERS,
  82: SHOWERS,
  85: 'snow',
  86: 'snow',
  95: 'thunderstorm',
  96: 'thunderstorm',
  99: 'thunderstorm',
};

/** The icon for a WMO code; `isDay` defaults to day (daily forecasts have no night). */
export function weatherIconName(code: number | null | undefined, isDay: boolean | null = true): WeatherIconName {
  const icon = code === null || code === undefined ? undefined : ICONS[code];
  if (!icon) return 'unknown';
  if (typeof icon === 'string') return icon;
  return isDay === false ? icon.night : icon.day;
}

export const ICON_WMO_CODES: readonly number[] = Object.keys(ICONS).map(Number);
