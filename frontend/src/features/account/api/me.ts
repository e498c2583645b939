// The signed-in person's own data under /api/v1/me/.
import { apiUrl, request } from '@/lib/api-client';
import type { components } from '@/types/api.gen';

type Schemas = components['schemas'];

/** An account's preferences, as the API names them. */
export type AccountPreferences = Schemas['Preferences'];

export type AccountFavourite = Schemas['FavouritePlaceOutput'];

export type Me = Schemas['MeOutput'];

type FavouritesBody = { favourites: AccountFavourite[] };

export const getMe = (): Promise<Me> => request('/v1/me/');

export const putPreferences = (preferences: AccountPreferences): Promise<AccountPreferences> =>
  request('/v1/me/preferences/', { method: 'PUT', body: preferences });

export const getFavourites = async (): Promise<AccountFavourite[]> =>
  (await request<FavouritesBody>('/v1/me/favourites/')).favourites;

/** Replaces the account's ordered list. */
export const putFavourites = async (ids: number[]): Promise<AccountFavourite[]> =>
  (await request<FavouritesBody>('/v1/me/favourites/', { method: 'PUT', body: { ids } })).favourites;

/** Adds this browser's favourites to the account's (at sign-in); answers the merged list. */
export async function mergeFavourites(ids: number[]): Promise<AccountFavourite[]> {
  const body = await request<Partial<FavouritesBody> | undefined>('/v1/me/favourites/merge/', {
    method: 'POST',
    body: { ids },
  });
  return body?.favourites ?? getFavourites();
}

/** Deletes the account and everything it owns; the password confirms it. */
export const deleteAccount = (password: string): Promise<void> =>
  request('/v1/me/', { method: 'DELETE', body: { password } });

/** Everything the account owns, as a JSON file (a plain link: the browser downloads it). */
export const myDataUrl = () => apiUrl('/v1/me/data/');
