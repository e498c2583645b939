// MSW handlers for the happy path; tests override them with server.use(...) for errors.
import { http, HttpResponse } from 'msw';
import type { Lang } from '@/lib/i18n/messages';
import type { ApiErrorBody, Health, Search, SearchPage, SearchRequest, Stats, UnitSystem } from '@/types/api';
import {
  americanAir,
  europeanAir,
  makeSearch,
  placeOverview,
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
import { peopleHandlers } from './handlers-people';

export const API = 'http://api.test/api/v1';

export const errorBody = (code: string, message: string, extra: Record<string, unknown> = {}): ApiErrorBody => ({
  error: { code, message, fields: {}, ...extra },
});

/** The fixtures convert all or nothing: °F (or `units=imperial`) stands for imperial. */
const systemOf = (temperatureUnit: string | null | undefined, units: string | null | undefined): UnitSystem =>
  temperatureUnit ? (temperatureUnit === 'fahrenheit' ? 'imperial' : 'metric') : ((units ?? 'metric') as UnitSystem);

/** The `lang` and units of a GET, with the API's defaults. */
export function viewOf(request: Request): SearchView {
  const params = new URL(request.url).searchParams;
  return {
    lang: (params.get('lang') ?? 'en') as Lang,
    units: systemOf(params.get('temperature_unit'), params.get('units')),
  };
}

type SearchBody = SearchRequest & { temperature_unit?: string };

/** The id POST /searches/ gives a search of Paris, Texas; GET /searches/{id}/ reads it back. */
export const TEXAS_SEARCH_ID = searchId(4717);

/** What POST /searches/ records for a body: Paris, Texas when asked by id or by name. */
export function createdSearch(body: SearchBody, id?: string): Search {
  const texas = body.location_id === parisTexas.id || /texas/i.test(body.city ?? '');
  const location = texas ? parisTexas : parisFrance;
  const search = makeSearch({
    id: id ?? (texas ? TEXAS_SEARCH_ID : searchId(42)),
    location,
    query: body.city ?? location.name,
  });
  return servedAs(search, { lang: body.lang, units: systemOf(body.temperature_unit, body.units) });
}

export const handlers = [
  http.get<never, never, Health>(`${API}/health/`, () => HttpResponse.json({ status: 'ok', sample_data: false })),
  http.get(`${API}/locations/`, ({ request }) => {
    const q = new URL(request.url).searchParams.get('q')?.toLowerCase() ?? '';
    const results = [parisFrance, parisTexas].filter((location) => location.name.toLowerCase().startsWith(q));
    return HttpResponse.json({ results });
  }),
  http.post<never, SearchBody, Search>(`${API}/searches/`, async ({ request }) => {
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
  // Europe (north of 40°N and east of 30°W here) has pollen; elsewhere none.
  http.get(`${API}/air-quality/`, ({ request }) => {
    const params = new URL(request.url).searchParams;
    const european = Number(params.get('latitude')) > 40 && Number(params.get('longitude')) > -30;
    return HttpResponse.json(european ? europeanAir : americanAir);
  }),
  http.get(`${API}/locations/nearest/`, ({ request }) => {
    const params = new URL(request.url).searchParams;
    const place = Number(params.get('longitude')) < -30 ? parisTexas : parisFrance;
    return HttpResponse.json({ place, distance_km: 1.2 });
  }),
  http.get(`${API}/weather/overview/`, ({ request }) => {
    const ids = (new URL(request.url).searchParams.get('ids') ?? '').split(',').map(Number);
    const known = [parisFrance, parisTexas];
    const results = ids.flatMap((id) => known.filter((location) => location.id === id)).map((l) => placeOverview(l));
    return HttpResponse.json({ results, units: { temperature: '°C' }, unit_system: 'metric', lang: 'en' });
  }),
  http.get<never, never, Stats>(`${API}/stats/`, ({ request }) =>
    HttpResponse.json(viewOf(request).units === 'imperial' ? imperialStats : stats),
  ),
  ...peopleHandlers,
];
