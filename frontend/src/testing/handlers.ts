// MSW handlers for the happy path; tests override them with server.use(...) for errors.
import { http, HttpResponse } from 'msw';
import type { Lang } from '@/lib/i18n/messages';
import type { ApiErrorBody, Health, Search, SearchPage, SearchRequest, Stats, UnitSystem } from '@/types/api';
import {
  makeSearch,
  makeSearchPage,
  parisFrance,
  parisTexas,
  processedSearch,
  searchId,
  servedAs,
  imperialStats,
  stats,
  type SearchView,
} from './fixtures';

export const API = 'http://api.test/api/v1';

export const errorBody = (code: string, message: string, extra: Record<string, unknown> = {}): ApiErrorBody => ({
  error: { code, message, fields: {}, ...extra },
});

/** The `lang` and `units` of a GET, with the API's defaults. */
export function viewOf(request: Request): SearchView {
  const params = new URL(request.url).searchParams;
  return {
    lang: (params.get('lang') ?? 'en') as Lang,
    units: (params.get('units') ?? 'metric') as UnitSystem,
  };
}

/** The id POST /searches/ gives a search of Paris, Texas; GET /searches/{id}/ reads it back. */
export const TEXAS_SEARCH_ID = searchId(4717);

/** What POST /searches/ records for a body: Paris, Texas when asked by id or by name. */
export function createdSearch(body: SearchRequest, id?: string): Search {
  const texas = body.location_id === parisTexas.id || /texas/i.test(body.city ?? '');
  const location = texas ? parisTexas : parisFrance;
  const search = makeSearch({
    id: id ?? (texas ? TEXAS_SEARCH_ID : searchId(42)),
    location,
    query: body.city ?? location.name,
  });
  return servedAs(search, body);
}

export const handlers = [
  http.get<never, never, Health>(`${API}/health/`, () => HttpResponse.json({ status: 'ok', sample_data: false })),
  http.get(`${API}/locations/`, ({ request }) => {
    const q = new URL(request.url).searchParams.get('q')?.toLowerCase() ?? '';
    const results = [parisFrance, parisTexas].filter((location) => location.name.toLowerCase().startsWith(q));
    return HttpResponse.json({ results });
  }),
  http.post<never, SearchRequest, Search>(`${API}/searches/`, async ({ request }) => {
    const search = createdSearch(await request.json());
    return HttpResponse.json(search, { status: 201, headers: { Location: `/api/v1/searches/${search.id}/` } });
  }),
  http.get<{ id: string }, never, Search>(`${API}/searches/:id/`, ({ params, request }) => {
    const id = params.id;
    const location = id === TEXAS_SEARCH_ID ? parisTexas : parisFrance;
    return HttpResponse.json(servedAs(processedSearch(makeSearch({ id, location })), viewOf(request)));
  }),
  http.get<never, never, SearchPage>(`${API}/searches/`, ({ request }) => {
    const page = Number(new URL(request.url).searchParams.get('cursor') || '1');
    return HttpResponse.json(makeSearchPage(45, page, 20, viewOf(request)));
  }),
  http.get<never, never, Stats>(`${API}/stats/`, ({ request }) =>
    HttpResponse.json(viewOf(request).units === 'imperial' ? imperialStats : stats),
  ),
];
