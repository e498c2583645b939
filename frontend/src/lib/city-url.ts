// The chosen city lives in the URL (/?location_id=2988507&city=Paris&search=<uuid>) so links
// share and Back works. `search` names the stored search shown (its unguessable public id):
// with it the page only reads, also for someone the link was shared with; without it (a
// typed link, or an old one with a number) the page records one new search.

export type CityParams = { city: string; locationId: number | null; searchId: string | null };

const positiveInt = (raw: string | null): number | null => (raw && /^[1-9]\d*$/.test(raw) ? Number(raw) : null);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const searchIdOf = (raw: string | null): string | null => (raw && UUID.test(raw) ? raw.toLowerCase() : null);

export function cityHref(city: { name: string; locationId: number | null; searchId?: string | null }): string {
  const params = new URLSearchParams();
  if (city.locationId !== null) params.set('location_id', String(city.locationId));
  params.set('city', city.name);
  if (city.searchId) params.set('search', city.searchId);
  return `/?${params.toString()}`;
}

/** Reads the city from a query string; null when none is asked for. */
export function parseCityParams(search: string): CityParams | null {
  const params = new URLSearchParams(search);
  const city = params.get('city')?.trim() ?? '';
  const locationId = positiveInt(params.get('location_id'));
  if (!city && locationId === null) return null;
  return { city, locationId, searchId: searchIdOf(params.get('search')) };
}
