// The only fetch wrapper: builds URLs from config/env.ts and turns every failure into
// ApiError (the server answered an error) or NetworkError (no answer at all).
//
// Every POST carries an Idempotency-Key, new for each call (one user action), and is sent
// once more with the same key when the first try got 502, 503, 504 or no answer in time: the
// API answers a key it has seen with what it answered the first time, so a search reaching a
// web host that died mid-request is not stored twice.
import { env } from '@/config/env';
import type { ApiErrorBody } from '@/types/api';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string[]>;
  /** Seconds to wait before retrying (429), from the body or the Retry-After header. */
  readonly retryAfter: number | null;
  /** The numbers a refusal names (e.g. min, max, limit), to word it in the reader's language. */
  readonly params: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { fields?: Record<string, string[]>; retryAfter?: number | null; params?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = options.fields ?? {};
    this.retryAfter = options.retryAfter ?? null;
    this.params = options.params ?? {};
  }
}

export class NetworkError extends Error {
  constructor(message = 'Network request failed') {
    super(message);
    this.name = 'NetworkError';
  }
}

/** How long a POST waits for its answer before giving up (and trying once more). */
export const POST_TIMEOUT_MS = 30_000;
const RETRY_DELAY_MS = 300;
const RETRIED_STATUSES = new Set([502, 503, 504]);

/** A random UUID (v4); also where crypto.randomUUID is missing (plain http off localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type QueryValue = string | number | boolean | null | undefined;

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
};

/** Absolute or same-origin URL for an API path such as `/v1/weather/`. */
export function apiUrl(path: string, query?: Record<string, QueryValue>, baseUrl = env.apiBaseUrl): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return `${baseUrl}/api${path}${qs ? `?${qs}` : ''}`;
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** A cookie's value; the API's `csrftoken` is readable on every port of its host. */
export function readCookie(name: string): string | null {
  const match = document.cookie.match(new RegExp(`(?:^|; )${name}=([^;]*)`));
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> | null = null;
  try {
    body = (await response.json()) as Partial<ApiErrorBody>;
  } catch {
    // Not our JSON (e.g. a proxy's HTML error page): fall back to the status alone.
  }
  const error = body?.error;
  const retryAfter =
    typeof error?.retry_after === 'number'
      ? Math.ceil(error.retry_after)
      : parseRetryAfter(response.headers.get('Retry-After'));
  return new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message ?? response.statusText,
    {
      fields: error?.fields ?? {},
      retryAfter,
      params: error?.params ?? {},
    },
  );
}

/** One fetch; with `timeoutMs`, one still unanswered by then fails as a NetworkError. */
async function fetchOnce(url: string, init: RequestInit, timeoutMs?: number): Promise<Response> {
  const signals = [init.signal, timeoutMs ? AbortSignal.timeout(timeoutMs) : null].filter((s) => s != null);
  try {
    return await fetch(url, { ...init, signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0] });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    if (error instanceof DOMException && error.name === 'TimeoutError') throw new NetworkError('No answer in time');
    // fetch rejects with a TypeError when there is no answer (offline, DNS, CORS).
    throw new NetworkError(error instanceof Error ? error.message : undefined);
  }
}

/** A POST (it carries an Idempotency-Key) is sent once more after a gateway error or no answer. */
async function fetchRetryingOnce(url: string, init: RequestInit): Promise<Response> {
  try {
    const response = await fetchOnce(url, init, POST_TIMEOUT_MS);
    if (!RETRIED_STATUSES.has(response.status)) return response;
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
  }
  await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
  return fetchOnce(url, init, POST_TIMEOUT_MS);
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    // Django's CSRF check for session writes (the API sets the cookie with the first search).
    const csrf = readCookie('csrftoken');
    if (csrf) headers['X-CSRFToken'] = csrf;
  }
  if (method === 'POST') headers['Idempotency-Key'] = newIdempotencyKey();

  const url = apiUrl(path, options.query);
  const init: RequestInit = {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
    // The visitor's session cookie (their searches, history, exports), also from the SPA on
    // its own origin (:4173), which the API's CORS allowlist lets send it.
    credentials: 'include',
  };
  const response = method === 'POST' ? await fetchRetryingOnce(url, init) : await fetchOnce(url, init);

  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    request<T>(path, { query, signal }),
  post: <T>(path: string, body: unknown, signal?: AbortSignal) => request<T>(path, { method: 'POST', body, signal }),
};
