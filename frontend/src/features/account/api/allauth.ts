// The account server's headless API (django-allauth, browser client) under /_allauth/browser/v1/.
// Its answers have their own shape ({status, data, meta, errors}), and some non-2xx answers are
// normal outcomes (401: not signed in, or a pending step such as verifying the email), so this
// module reads every body instead of going through lib/api-client's error handling. It sends the
// session cookie and the CSRF token the same way the API client does.
import { env } from '@/config/env';
import { NetworkError, readCookie } from '@/lib/api-client';

export type AuthUser = { id: number | string; email: string; display?: string };

export type AuthFlow = { id: string; is_pending?: boolean };

export type AuthFieldError = { message: string; code: string; param?: string };

/** Where an authentication request left the person. */
export type AuthState = {
  user: AuthUser | null;
  /** A step still to take, e.g. `verify_email` after signing up. */
  pending: string | null;
};

type AuthBody = {
  status: number;
  data?: { user?: AuthUser; flows?: AuthFlow[]; email?: string };
  meta?: { is_authenticated?: boolean };
  errors?: AuthFieldError[];
};

/** The account server refused the input (400), is busy (429), or failed. */
export class AuthError extends Error {
  readonly status: number;
  readonly errors: AuthFieldError[];

  constructor(status: number, errors: AuthFieldError[]) {
    super(errors[0]?.message ?? `HTTP ${status}`);
    this.name = 'AuthError';
    this.status = status;
    this.errors = errors;
  }

  /** The messages about one input (`password`, `email`, ...), or about none with `undefined`. */
  about(param: string | undefined): AuthFieldError[] {
    return this.errors.filter((error) => error.param === param);
  }
}

export const authUrl = (path: string) => `${env.apiBaseUrl}/_allauth/browser/v1${path}`;

type AuthRequest = { method?: 'GET' | 'POST' | 'DELETE'; body?: unknown; headers?: Record<string, string> };

async function authFetch(path: string, { method = 'GET', body, headers = {} }: AuthRequest = {}): Promise<AuthBody> {
  const sent: Record<string, string> = { Accept: 'application/json', ...headers };
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    // A first visit straight to a form has no CSRF cookie yet: any GET of this API sets it.
    if (!readCookie('csrftoken')) await authFetch('/auth/session');
    const csrf = readCookie('csrftoken');
    if (csrf) sent['X-CSRFToken'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(authUrl(path), {
      method,
      headers: sent,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'include',
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : undefined);
  }
  let parsed: AuthBody | null = null;
  try {
    parsed = (await response.json()) as AuthBody;
  } catch {
    // Not the account server's JSON (a proxy's error page).
  }
  // 401 and 410 describe the session (signed out, a pending step, a session that ended).
  if (response.ok || response.status === 401 || response.status === 410) return parsed ?? { status: response.status };
  throw new AuthError(response.status, parsed?.errors ?? []);
}

function toState(body: AuthBody): AuthState {
  const user = body.meta?.is_authenticated && body.data?.user ? body.data.user : null;
  const pending = body.data?.flows?.find((flow) => flow.is_pending)?.id ?? null;
  return { user, pending };
}

/** Who is signed in (GET also gives the browser its CSRF cookie). */
export const getSession = async (): Promise<AuthState> => toState(await authFetch('/auth/session'));

export const signUp = async (email: string, password: string): Promise<AuthState> =>
  toState(await authFetch('/auth/signup', { method: 'POST', body: { email, password } }));

export const signIn = async (email: string, password: string): Promise<AuthState> =>
  toState(await authFetch('/auth/login', { method: 'POST', body: { email, password } }));

export const signOut = async (): Promise<AuthState> => toState(await authFetch('/auth/session', { method: 'DELETE' }));

/** The address a verification key confirms (checks the key without using it). */
export async function getEmailVerification(key: string): Promise<string | null> {
  const body = await authFetch('/auth/email/verify', { headers: { 'X-Email-Verification-Key': key } });
  return body.data?.email ?? null;
}

export const verifyEmail = async (key: string): Promise<AuthState> =>
  toState(await authFetch('/auth/email/verify', { method: 'POST', body: { key } }));

export async function requestPasswordReset(email: string): Promise<void> {
  await authFetch('/auth/password/request', { method: 'POST', body: { email } });
}

/** Checks a reset key before asking for the new password. */
export async function checkPasswordResetKey(key: string): Promise<void> {
  await authFetch('/auth/password/reset', { headers: { 'X-Password-Reset-Key': key } });
}

export const resetPassword = async (key: string, password: string): Promise<AuthState> =>
  toState(await authFetch('/auth/password/reset', { method: 'POST', body: { key, password } }));
