// The first step of following the account, once someone is signed in on this page.
import { getFavourites, getMe, mergeFavourites, putPreferences, type AccountFavourite } from './api/me';
import type { AccountPreferences } from './api/me';
import type { SignInKind } from './session';
import { accountIds, type SyncedCity } from './sync-favourites';
import { toAccountPreferences, type SyncedPreferences } from './sync-preferences';

type Local = { favourites: SyncedCity[]; preferences: SyncedPreferences };

/**
 * The account's favourites and preferences to adopt. Right after a sign-in (`kind`) this
 * browser's favourites are merged into the account's first; a new account also starts from
 * the preferences chosen before signing up. A later visit just reads the account.
 */
export async function accountAtStart(
  kind: SignInKind | null,
  local: Local,
): Promise<{ favourites: AccountFavourite[]; preferences: AccountPreferences }> {
  const me = await getMe();
  const favourites = kind ? await mergeFavourites(accountIds(local.favourites)) : await getFavourites();
  const preferences =
    kind === 'new-account' ? await putPreferences(toAccountPreferences(local.preferences)) : me.preferences;
  return { favourites, preferences };
}
