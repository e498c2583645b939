// How this browser's favourites and an account's meet. The favourites feature keeps the list
// (in localStorage); app/ wires these functions to it, since features do not import each other.
import type { AccountFavourite } from './api/me';

/** A favourite as the favourites feature stores it (the same shape, named here). */
export type SyncedCity = {
  locationId: number | null;
  name: string;
  admin1: string | null;
  country: string | null;
  countryCode: string | null;
};

/** The ids the account stores, in order, once each. Cities saved from free text have none. */
export function accountIds(cities: readonly SyncedCity[]): number[] {
  const ids: number[] = [];
  for (const city of cities) {
    if (city.locationId !== null && !ids.includes(city.locationId)) ids.push(city.locationId);
  }
  return ids;
}

export const sameIds = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((id, index) => id === b[index]);

/**
 * The account's list as this browser keeps it: the account's places in its order (with the
 * country code this browser knows, for the flag), then this browser's free-text cities, which
 * the account cannot hold.
 */
export function citiesFromAccount(favourites: readonly AccountFavourite[], local: readonly SyncedCity[]): SyncedCity[] {
  const fromAccount = favourites.map((favourite) => {
    const known = local.find((city) => city.locationId === favourite.id);
    return {
      locationId: favourite.id,
      name: favourite.name,
      admin1: favourite.admin1 ?? null,
      country: favourite.country ?? null,
      countryCode: known?.countryCode ?? null,
    };
  });
  return [...fromAccount, ...local.filter((city) => city.locationId === null)];
}

/**
 * The list to keep once the account answered: its places, then this browser's free-text
 * cities, then places starred here while the account was being read (`latest` has them,
 * `asked` does not), which the next write adds to the account.
 */
export function citiesAfterStart(
  favourites: readonly AccountFavourite[],
  asked: readonly SyncedCity[],
  latest: readonly SyncedCity[],
): SyncedCity[] {
  const known = new Set([...accountIds(asked), ...favourites.map((favourite) => favourite.id)]);
  const starredMeanwhile = latest.filter((city) => city.locationId !== null && !known.has(city.locationId));
  return [...citiesFromAccount(favourites, latest), ...starredMeanwhile];
}
