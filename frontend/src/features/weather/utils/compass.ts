import type { Lang } from '@/lib/i18n/messages';

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

/** Compass points in French use O (ouest) for W. */
export const localizeCompass = (point: string, lang: Lang): string =>
  lang === 'fr' ? point.replace(/W/g, 'O') : point;
