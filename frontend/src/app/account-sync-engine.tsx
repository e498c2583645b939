// Favourites and preferences follow the account: while someone is signed in, the account's
// copies are the source and every change is written back; signed out, nothing here runs and
// both features keep using localStorage alone. The rules live in features/account/sync-*.ts;
// this component only wires them to the two stores.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { getFavourites, getMe, mergeFavourites, putFavourites, putPreferences } from '@/features/account/api/me';
import { sessionQuery, takeSignInKind, useSession } from '@/features/account/session';
import { accountIds, citiesFromAccount, sameIds } from '@/features/account/sync-favourites';
import {
  fromAccountPreferences,
  samePreferences,
  toAccountPreferences,
  type SyncedPreferences,
} from '@/features/account/sync-preferences';
import { useFavourites } from '@/features/favourites/favourites';
import { usePreferences } from '@/features/preferences/preferences';
import { ApiError } from '@/lib/api-client';

/** What the account holds as far as this page knows; null while not in step with it. */
type Synced = { ids: number[]; preferences: ReturnType<typeof toAccountPreferences> };

const pick = ({ temperatureUnit, windUnit, precipitationUnit, lang, theme }: SyncedPreferences): SyncedPreferences => ({
  temperatureUnit,
  windUnit,
  precipitationUnit,
  lang,
  theme,
});

export function AccountSync() {
  const { user } = useSession();
  const email = user?.email ?? null;
  const queryClient = useQueryClient();
  const { favourites, replaceFavourites } = useFavourites();
  const { preferences, update } = usePreferences();
  const synced = useRef<Synced | null>(null);
  const startedFor = useRef<string | null>(null);
  // The latest local state, read by the sign-in step without re-running it on each change.
  const latest = useRef({ favourites, preferences });
  useEffect(() => {
    latest.current = { favourites, preferences };
  }, [favourites, preferences]);

  // A write refused because the session ended: ask who is signed in again.
  const onWriteError = (error: unknown) => {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      void queryClient.invalidateQueries({ queryKey: sessionQuery().queryKey });
    }
  };

  // Signed in (now, or still from an earlier visit): bring the account's state here.
  useEffect(() => {
    if (!email) {
      synced.current = null;
      startedFor.current = null;
      return;
    }
    if (startedFor.current === email) return; // StrictMode's second run, or a re-render
    startedFor.current = email;
    const kind = takeSignInKind();
    const local = latest.current;
    void (async () => {
      const me = await getMe();
      // A sign-in on this page adds the browser's favourites; a later visit reads the account's.
      const list = kind ? await mergeFavourites(accountIds(local.favourites)) : await getFavourites();
      let accountPreferences = me.preferences;
      if (kind === 'new-account') {
        // A new account starts from what the person chose before signing up.
        accountPreferences = await putPreferences(toAccountPreferences(pick(local.preferences)));
      }
      if (startedFor.current !== email) return; // signed out meanwhile
      const cities = citiesFromAccount(list, latest.current.favourites);
      synced.current = { ids: accountIds(cities), preferences: accountPreferences };
      replaceFavourites(cities);
      update(fromAccountPreferences(accountPreferences));
    })().catch((error: unknown) => {
      startedFor.current = null;
      onWriteError(error);
    });
    // onWriteError only reads the query client.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [email, replaceFavourites, update]);

  // Each change made while signed in is written to the account.
  useEffect(() => {
    const current = synced.current;
    if (!current) return;
    const ids = accountIds(favourites);
    if (sameIds(ids, current.ids)) return;
    current.ids = ids;
    putFavourites(ids).catch(onWriteError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [favourites]);

  useEffect(() => {
    const current = synced.current;
    if (!current) return;
    const wanted = toAccountPreferences(pick(preferences));
    if (samePreferences(wanted, current.preferences)) return;
    current.preferences = wanted;
    putPreferences(wanted).catch(onWriteError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preferences]);

  return null;
}
