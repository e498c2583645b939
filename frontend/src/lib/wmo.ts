// WMO weather interpretation codes (as used by Open-Meteo) → our icon and wording in en/fr.
// Kept client-side so the language can change without asking the server again.
import type { Lang } from '@/lib/i18n/messages';

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

type Wording = Record<Lang, string>;

type WmoEntry = {
  icon: WeatherIconName | { day: WeatherIconName; night: WeatherIconName };
  text: Wording | { day: Wording; night: Wording };
};

const WMO: Record<number, WmoEntry> = {
  0: {
    icon: { day: 'clear-day', night: 'clear-night' },
    text: { day: { en: 'Clear sky', fr: 'Ciel dégagé' }, night: { en: 'Clear night', fr: 'Nuit claire' } },
  },
  1: { icon: { day: 'clear-day', night: 'clear-night' }, text: { en: 'Mainly clear', fr: 'Plutôt dégagé' } },
  2: {
    icon: { day: 'partly-cloudy-day', night: 'partly-cloudy-night' },
    text: { en: 'Partly cloudy', fr: 'Partiellement nuageux' },
  },
  3: { icon: 'cloudy', text: { en: 'Overcast', fr: 'Couvert' } },
  45: { icon: 'fog', text: { en: 'Fog', fr: 'Brouillard' } },
  48: { icon: 'fog', text: { en: 'Depositing rime fog', fr: 'Brouillard givrant' } },
  51: { icon: 'drizzle', text: { en: 'Light drizzle', fr: 'Bruine légère' } },
  53: { icon: 'drizzle', text: { en: 'Moderate drizzle', fr: 'Bruine modérée' } },
  55: { icon: 'drizzle', text: { en: 'Dense drizzle', fr: 'Bruine dense' } },
  56: { icon: 'freezing-rain', text: { en: 'Light freezing drizzle', fr: 'Bruine verglaçante légère' } },
  57: { icon: 'freezing-rain', text: { en: 'Dense freezing drizzle', fr: 'Bruine verglaçante dense' } },
  61: { icon: 'rain', text: { en: 'Slight rain', fr: 'Pluie faible' } },
  63: { icon: 'rain', text: { en: 'Moderate rain', fr: 'Pluie modérée' } },
  65: { icon: 'rain', text: { en: 'Heavy rain', fr: 'Pluie forte' } },
  66: { icon: 'freezing-rain', text: { en: 'Light freezing rain', fr: 'Pluie verglaçante légère' } },
  67: { icon: 'freezing-rain', text: { en: 'Heavy freezing rain', fr: 'Pluie verglaçante forte' } },
  71: { icon: 'snow', text: { en: 'Slight snowfall', fr: 'Faibles chutes de neige' } },
  73: { icon: 'snow', text: { en: 'Moderate snowfall', fr: 'Chutes de neige modérées' } },
  75: { icon: 'snow', text: { en: 'Heavy snowfall', fr: 'Fortes chutes de neige' } },
  77: { icon: 'snow', text: { en: 'Snow grains', fr: 'Neige en grains' } },
  80: {
    icon: { day: 'showers-day', night: 'showers-night' },
    text: { en: 'Slight rain showers', fr: 'Averses de pluie faibles' },
  },
  81: {
    icon: { day: 'showers-day', night: 'showers-night' },
    text: { en: 'Moderate rain showers', fr: 'Averses de pluie modérées' },
  },
  82: {
    icon: { day: 'showers-day', night: 'showers-night' },
    text: { en: 'Violent rain showers', fr: 'Averses de pluie violentes' },
  },
  85: { icon: 'snow', text: { en: 'Slight snow showers', fr: 'Averses de neige faibles' } },
  86: { icon: 'snow', text: { en: 'Heavy snow showers', fr: 'Averses de neige fortes' } },
  95: { icon: 'thunderstorm', text: { en: 'Thunderstorm', fr: 'Orage' } },
  96: { icon: 'thunderstorm', text: { en: 'Thunderstorm with slight hail', fr: 'Orage avec grêle faible' } },
  99: { icon: 'thunderstorm', text: { en: 'Thunderstorm with heavy hail', fr: 'Orage avec forte grêle' } },
};

const UNKNOWN: Wording = { en: 'Unknown conditions', fr: 'Conditions inconnues' };

export type WeatherDescription = { icon: WeatherIconName; description: string; known: boolean };

const isSplit = <T extends object>(value: T | { day: T; night: T }): value is { day: T; night: T } =>
  'day' in value && 'night' in value;

/** Icon and localized wording for a WMO code; `isDay` defaults to day (daily forecasts). */
export function describeWeather(code: number | null | undefined, lang: Lang, isDay = true): WeatherDescription {
  const entry = code === null || code === undefined ? undefined : WMO[code];
  if (!entry) return { icon: 'unknown', description: UNKNOWN[lang], known: false };
  const icon = typeof entry.icon === 'string' ? entry.icon : isDay ? entry.icon.day : entry.icon.night;
  const text = isSplit(entry.text) ? (isDay ? entry.text.day : entry.text.night) : entry.text;
  return { icon, description: text[lang], known: true };
}

export const KNOWN_WMO_CODES: readonly number[] = Object.keys(WMO).map(Number);
