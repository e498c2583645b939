import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, errorBody } from '@/testing/handlers';
import { server } from '@/testing/server';
import { api, ApiError, apiUrl, NetworkError } from './api-client';

describe('apiUrl', () => {
  it('prefixes /api and drops empty query values', () => {
    expect(apiUrl('/v1/weather/', { city: 'Paris', location_id: null, lang: 'fr' }, '')).toBe(
      '/api/v1/weather/?city=Paris&lang=fr',
    );
    expect(apiUrl('/v1/health/', undefined, 'http://localhost:8000')).toBe('http://localhost:8000/api/v1/health/');
  });
});

describe('api client', () => {
  it('returns the parsed JSON body', async () => {
    await expect(api.get('/v1/health/')).resolves.toEqual({ status: 'ok', sample_data: false });
  });

  it('turns the error envelope into an ApiError', async () => {
    server.use(
      http.get(`${API}/weather/`, () =>
        HttpResponse.json(errorBody('city_not_found', 'No city matches "Atlantis".'), { status: 404 }),
      ),
    );
    const error = await api.get('/v1/weather/', { city: 'Atlantis' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'city_not_found', message: 'No city matches "Atlantis".' });
  });

  it('reads retry_after from the body first', async () => {
    server.use(
      http.get(`${API}/weather/`, () =>
        HttpResponse.json(errorBody('throttled', 'Slow down', { retry_after: 17 }), {
          status: 429,
          headers: { 'Retry-After': '99' },
        }),
      ),
    );
    await expect(api.get('/v1/weather/')).rejects.toMatchObject({ status: 429, retryAfter: 17 });
  });

  it('falls back to the Retry-After header', async () => {
    server.use(
      http.get(`${API}/weather/`, () => new HttpResponse('busy', { status: 429, headers: { 'Retry-After': '30' } })),
    );
    await expect(api.get('/v1/weather/')).rejects.toMatchObject({ status: 429, code: 'http_429', retryAfter: 30 });
  });

  it('turns a failed fetch into a NetworkError', async () => {
    server.use(http.get(`${API}/health/`, () => HttpResponse.error()));
    await expect(api.get('/v1/health/')).rejects.toBeInstanceOf(NetworkError);
  });

  it('sends JSON bodies on POST', async () => {
    server.use(
      http.post(`${API}/searches/`, async ({ request }) =>
        HttpResponse.json({ echoed: await request.json() }, { status: 201 }),
      ),
    );
    await expect(api.post('/v1/searches/', { city: 'Paris' })).resolves.toEqual({ echoed: { city: 'Paris' } });
  });
});
