// While someone is signed in: the account's favourites and preferences are brought here
// (merged with this browser's favourites right after a sign-in) and every later change is
// written back. The rules live in features/account/sync-*.ts; this only wires them to the stores.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { putFavourites, putPreferences } from '@/features/account/api/me';
import { sessionQuery, takeSignInKind } from '@/features/account/session';
import { accountAtStart } from '@/features/account/sync-start';
import { accountIds, citiesAfterStart, sameIds } from '@/features/account/sync-favourites';
import { fromAccountPreferences, samePreferences, toAccountPreferences } from '@/features/account/sync-preferences';
import { useFavourites } from '@/features/favourites/favourites';
import { usePreferences } from '@/features/preferences/preferences';
import { ApiError } from '@/lib/api-client';

/** What the account holds as far as this page knows; null while not in step with it. */
type Synced = { ids: number[]; preferences: ReturnType<typeof toAccountPreferences> };

/** False once unmounted (signed out), for work that finishes later. */
function useMounted() {
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return mounted;
}

/** Loaded (see account-sync.tsx) and mounted only while someone is signed in. */
export default function AccountSyncEngine({ email }: { email: string }) {
  const queryClient = useQueryClient();
  const { favourites, replaceFavourites } = useFavourites();
  const { preferences, update } = usePreferences();
  const synced = useRef<Synced | null>(null);
  const startedFor = useRef<string | null>(null);
  const mounted = useMounted();
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

  // Signed in (just now, or still from an earlier visit): bring the account's state here.
  useEffect(() => {
    if (startedFor.current === email) return; // StrictMode's second run, or a re-render
    startedFor.current = email;
    const kind = takeSignInKind();
    const local = latest.current;
    accountAtStart(kind, local)
      .then((account) => {
        if (!mounted.current) return; // signed out meanwhile
        const cities = citiesAfterStart(account.favourites, local.favourites, latest.current.favourites);
        // What the account holds; a place starred meanwhile differs, and is written next.
        synced.current = { ids: account.favourites.map((place) => place.id), preferences: account.preferences };
        replaceFavourites(cities);
        update(fromAccountPreferences(account.preferences));
      })
      .catch((error: unknown) => {
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
    const wanted = toAccountPreferences(preferences);
    if (samePreferences(wanted, current.preferences)) return;
    current.preferences = wanted;
    putPreferences(wanted).catch(onWriteError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preferences]);

  return null;
}
