// The chosen city lives in the URL (/?location_id=2988507&city=Paris) so links share and Back works.

export type CityParams = { city: string; locationId: number | null };

export function cityHref(city: { name: string; locationId: number | null }): string {
  const params = new URLSearchParams();
  if (city.locationId !== null) params.set('location_id', String(city.locationId));
  params.set('city', city.name);
  return `/?${params.toString()}`;
}

/** Reads the city from a query string; null when none is asked for. */
export function parseCityParams(search: string): CityParams | null {
  const params = new URLSearchParams(search);
  const city = params.get('city')?.trim() ?? '';
  const rawId = params.get('location_id');
  const id = rawId && /^\d+$/.test(rawId) ? Number(rawId) : null;
  if (!city && id === null) return null;
  return { city, locationId: id };
}
