// Sorts any failure into the few cases the UI explains differently.
import { ApiError, NetworkError } from '@/lib/api-client';

export type ErrorKind =
  'city_not_found' | 'not_found' | 'invalid_input' | 'rate_limited' | 'upstream' | 'server' | 'offline' | 'unknown';

export type ClassifiedError = { kind: ErrorKind; retryAfter: number | null; message: string };

const UPSTREAM_CODES = new Set(['upstream_error', 'upstream_unavailable', 'upstream_timeout']);

export function classifyError(error: unknown, online: boolean = navigator.onLine): ClassifiedError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof NetworkError || (!online && !(error instanceof ApiError))) {
    return { kind: 'offline', retryAfter: null, message };
  }
  if (!(error instanceof ApiError)) return { kind: 'unknown', retryAfter: null, message };

  const retryAfter = error.retryAfter;
  if (error.status === 429) return { kind: 'rate_limited', retryAfter, message };
  if (error.code === 'city_not_found') return { kind: 'city_not_found', retryAfter, message };
  if (error.status === 404) return { kind: 'not_found', retryAfter, message };
  if (error.status === 400) return { kind: 'invalid_input', retryAfter, message };
  if (UPSTREAM_CODES.has(error.code) || error.status === 502 || error.status === 504) {
    return { kind: 'upstream', retryAfter, message };
  }
  if (error.status >= 500) return { kind: 'server', retryAfter, message };
  return { kind: 'unknown', retryAfter, message };
}

/** Retry only what may succeed on its own soon: our 5xx answers, once. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return error instanceof ApiError && error.status >= 500 && failureCount < 1;
}
