import { api } from '@/lib/api-client';
import type { Lang } from '@/lib/i18n/messages';
import type { components } from '@/types/api.gen';

export type NearestPlace = components['schemas']['NearestLocationOutput'];

/** The populated place nearest to a point, from the gazetteer (no upstream call). */
export const getNearest = (latitude: number, longitude: number, lang: Lang): Promise<NearestPlace> =>
  api.get('/v1/locations/nearest/', { latitude, longitude, lang });
