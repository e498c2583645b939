// The chosen city lives in the URL (/?location_id=2988507&city=Paris&search=42) so links
// share and Back works. `search` names the stored search shown: with it the page only
// reads; without it (a shared or typed link) the page records one new search.

export type CityParams = { city: string; locationId: number | null; searchId: number | null };

const positiveInt = (raw: string | null): number | null => (raw && /^[1-9]\d*$/.test(raw) ? Number(raw) : null);

export function cityHref(city: { name: string; locationId: number | null; searchId?: number | null }): string {
  const params = new URLSearchParams();
  if (city.locationId !== null) params.set('location_id', String(city.locationId));
  params.set('city', city.name);
  if (city.searchId) params.set('search', String(city.searchId));
  return `/?${params.toString()}`;
}

/** Reads the city from a query string; null when none is asked for. */
export function parseCityParams(search: string): CityParams | null {
  const params = new URLSearchParams(search);
  const city = params.get('city')?.trim() ?? '';
  const locationId = positiveInt(params.get('location_id'));
  if (!city && locationId === null) return null;
  return { city, locationId, searchId: positiveInt(params.get('search')) };
}
