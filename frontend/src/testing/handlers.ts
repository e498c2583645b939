// MSW handlers for the happy path; tests override them with server.use(...) for errors.
import { http, HttpResponse } from 'msw';
import { makeSearch, makeSearchPage, parisFrance, parisTexas, processedSearch, stats } from './fixtures';

export const API = 'http://api.test/api/v1';

export const errorBody = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message, fields: {}, ...extra },
});

export const handlers = [
  http.get(`${API}/health/`, () => HttpResponse.json({ status: 'ok', sample_data: false })),
  http.get(`${API}/locations/`, ({ request }) => {
    const q = new URL(request.url).searchParams.get('q')?.toLowerCase() ?? '';
    const results = [parisFrance, parisTexas].filter((location) => location.name.toLowerCase().startsWith(q));
    return HttpResponse.json({ results });
  }),
  http.get(`${API}/weather/`, ({ request }) => {
    const params = new URL(request.url).searchParams;
    const id = params.get('location_id');
    const texas = id === String(parisTexas.id) || /texas/i.test(params.get('city') ?? '');
    const location = texas ? parisTexas : parisFrance;
    return HttpResponse.json(makeSearch({ location, query: params.get('city') ?? location.name }));
  }),
  http.get(`${API}/searches/:id/`, ({ params }) =>
    HttpResponse.json(processedSearch(makeSearch({ id: Number(params.id) }))),
  ),
  http.get(`${API}/searches/`, ({ request }) => {
    const page = Number(new URL(request.url).searchParams.get('page') ?? '1');
    return HttpResponse.json(makeSearchPage(45, page));
  }),
  http.get(`${API}/stats/`, () => HttpResponse.json(stats)),
];
