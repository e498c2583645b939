import type { QueryClient } from '@tanstack/react-query';
import { healthQuery } from '@/features/health/api/get-health';
import { unitParams, type Preferences } from '@/features/preferences/preferences';
import { createSearchEarly, newSearchRequest } from '@/features/weather/api/create-search';
import { searchQuery, type SearchView } from '@/features/weather/api/get-search';
import { parseCityParams } from '@/lib/city-url';

/**
 * The first page's requests, sent before React's first render rather than from its effects
 * (a few hundred milliseconds later on a slow phone). The health check and a stored search go
 * into the query cache the app then reads, so its queries join the request in flight; a new
 * search is claimed by the page that records it (`useCreateSearch`). Each is sent once.
 *
 * The city's search first (the page waits for it), the health check next: each is for the
 * caller to send in a task of its own, since a request costs a slow phone several
 * milliseconds (its first one more, with the code it runs for the first time).
 */
export function startPageRequest(
  queryClient: QueryClient,
  preferences: Preferences,
  url: Pick<Location, 'pathname' | 'search'> = window.location,
): void {
  const target = url.pathname === '/' ? parseCityParams(url.search) : null;
  if (!target) return;
  const view: SearchView = { lang: preferences.lang, ...unitParams(preferences) };
  if (target.searchId) void queryClient.prefetchQuery(searchQuery(target.searchId, view));
  else createSearchEarly(newSearchRequest(target, view));
}

export function startHealthCheck(queryClient: QueryClient): void {
  void queryClient.prefetchQuery(healthQuery());
}
