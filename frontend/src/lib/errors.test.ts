import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from './api-client';
import { classifyError, shouldRetry } from './errors';

describe('classifyError', () => {
  it.each([
    [new ApiError(404, 'city_not_found', 'x'), 'city_not_found'],
    [new ApiError(404, 'not_found', 'x'), 'not_found'],
    [new ApiError(400, 'invalid_input', 'x'), 'invalid_input'],
    [new ApiError(429, 'throttled', 'x', { retryAfter: 12 }), 'rate_limited'],
    [new ApiError(502, 'upstream_error', 'x'), 'upstream'],
    [new ApiError(503, 'upstream_unavailable', 'x'), 'upstream'],
    [new ApiError(504, 'upstream_timeout', 'x'), 'upstream'],
    [new ApiError(502, 'http_502', 'Bad Gateway'), 'upstream'],
    [new ApiError(503, 'database_unavailable', 'x'), 'server'],
    [new NetworkError(), 'offline'],
    [new Error('boom'), 'unknown'],
  ])('classifies %o as %s', (error, kind) => {
    expect(classifyError(error, true).kind).toBe(kind);
  });

  it('keeps the wait time of a 429', () => {
    expect(classifyError(new ApiError(429, 'throttled', 'x', { retryAfter: 12 }), true).retryAfter).toBe(12);
  });

  it('reports offline when the browser says so, even for odd errors', () => {
    expect(classifyError(new Error('Failed to fetch'), false).kind).toBe('offline');
  });
});

describe('shouldRetry', () => {
  it('retries a 5xx once and nothing else', () => {
    expect(shouldRetry(0, new ApiError(503, 'service_unavailable', 'x'))).toBe(true);
    expect(shouldRetry(1, new ApiError(503, 'service_unavailable', 'x'))).toBe(false);
    expect(shouldRetry(0, new ApiError(404, 'not_found', 'x'))).toBe(false);
    expect(shouldRetry(0, new NetworkError())).toBe(false);
  });
});
