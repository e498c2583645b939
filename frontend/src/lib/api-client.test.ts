import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, errorBody } from '@/testing/handlers';
import { server } from '@/testing/server';
import { api, ApiError, apiUrl, NetworkError, newIdempotencyKey } from './api-client';

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

describe('a POST sent again', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  /** Answers each POST /searches/ with the next of `answers`, recording its Idempotency-Key. */
  function answerInTurn(...answers: Array<() => Response>) {
    const keys: Array<string | null> = [];
    server.use(
      http.post(`${API}/searches/`, ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key'));
        return answers[keys.length - 1]!();
      }),
    );
    return keys;
  }

  it('carries a new Idempotency-Key for each call', async () => {
    const ok = () => HttpResponse.json({ id: 1 }, { status: 201 });
    const keys = answerInTurn(ok, ok);
    await api.post('/v1/searches/', { city: 'Paris' });
    await api.post('/v1/searches/', { city: 'Paris' });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).toMatch(UUID);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it.each([502, 503, 504])('is retried once with the same key after a %i', async (status) => {
    const keys = answerInTurn(
      () => new HttpResponse('<html>bad gateway</html>', { status }),
      () => HttpResponse.json({ id: 7 }, { status: 201 }),
    );
    await expect(api.post('/v1/searches/', { city: 'Paris' })).resolves.toEqual({ id: 7 });
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('is retried once after no answer, then gives up', async () => {
    const keys = answerInTurn(
      () => HttpResponse.error(),
      () => new HttpResponse(null, { status: 502 }),
      () => HttpResponse.json({ id: 7 }, { status: 201 }),
    );
    await expect(api.post('/v1/searches/', { city: 'Paris' })).rejects.toMatchObject({ status: 502 });
    expect(keys).toHaveLength(2);
  });

  it('is not retried after an answer that would not change', async () => {
    const keys = answerInTurn(
      () => HttpResponse.json(errorBody('city_not_found', 'No city'), { status: 404 }),
      () => HttpResponse.json({ id: 7 }, { status: 201 }),
    );
    await expect(api.post('/v1/searches/', { city: 'Atlantis' })).rejects.toMatchObject({ status: 404 });
    expect(keys).toHaveLength(1);
  });

  it('makes a UUID without crypto.randomUUID (plain http off localhost)', () => {
    const randomUUID = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      expect(newIdempotencyKey()).toMatch(UUID);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: randomUUID, configurable: true });
    }
  });
});
