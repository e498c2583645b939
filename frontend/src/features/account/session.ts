// Who is signed in, shared by the header, the account pages and the sync of favourites and
// preferences. A visitor who never signed in on this browser costs no request: the session is
// asked for only when this browser remembers a sign-in, or on the account pages.
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { AuthState } from './api/allauth';

export const SIGNED_IN_HINT_KEY = 'weather-app:signed-in';
/** Set by a sign-in on this page: the next sync merges this browser's favourites. */
export const JUST_SIGNED_IN_KEY = 'weather-app:just-signed-in';

export type SignInKind = 'sign-in' | 'new-account';

export const sessionQuery = () =>
  queryOptions({
    queryKey: ['account', 'session'],
    // The account client loads only when someone may be signed in, not with the first page.
    queryFn: () => import('./api/allauth').then((client) => client.getSession()),
    staleTime: 5 * 60_000,
    retry: false,
  });

function storage(kind: 'local' | 'session'): Storage | null {
  try {
    return kind === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    return null;
  }
}

export const rememberedSignIn = (): boolean => storage('local')?.getItem(SIGNED_IN_HINT_KEY) === '1';

function remember(signedIn: boolean): void {
  try {
    if (signedIn) storage('local')?.setItem(SIGNED_IN_HINT_KEY, '1');
    else storage('local')?.removeItem(SIGNED_IN_HINT_KEY);
  } catch {
    // Storage disabled: the header then shows "sign in" until the account page is opened.
  }
}

/** How the person just signed in, once: the sync reads it and forgets it. */
export function takeSignInKind(): SignInKind | null {
  const store = storage('session');
  const kind = store?.getItem(JUST_SIGNED_IN_KEY) ?? null;
  store?.removeItem(JUST_SIGNED_IN_KEY);
  return kind === 'sign-in' || kind === 'new-account' ? kind : null;
}

/** Records a new session state after a sign-in, sign-out or verification. */
export function applySession(queryClient: QueryClient, state: AuthState, kind: SignInKind = 'sign-in'): void {
  if (state.user) {
    try {
      storage('session')?.setItem(JUST_SIGNED_IN_KEY, kind);
    } catch {
      // Without storage the favourites are adopted from the account instead of merged.
    }
  }
  remember(state.user !== null);
  queryClient.setQueryData(sessionQuery().queryKey, state);
  if (!state.user) queryClient.removeQueries({ queryKey: ['account', 'me'] });
}

/**
 * The session. `always` asks the server even when this browser remembers no sign-in (the
 * account pages do); elsewhere a visitor who never signed in is taken as signed out.
 */
export function useSession({ always = false }: { always?: boolean } = {}) {
  const query = useQuery({ ...sessionQuery(), enabled: always || rememberedSignIn() });
  const signedIn = query.data ? query.data.user !== null : undefined;
  useEffect(() => {
    if (signedIn !== undefined) remember(signedIn);
  }, [signedIn]);
  return { user: query.data?.user ?? null, pending: query.data?.pending ?? null, isPending: query.isPending };
}
