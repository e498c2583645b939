// MSW handlers for accounts (allauth's headless API and /me/) and alerts, over a small
// in-memory account server. By default nobody is signed in, so the rest of the app behaves as
// for any visitor; tests sign someone in with `signInAs` and read what the pages wrote.
import { http, HttpResponse } from 'msw';
import type { AccountFavourite, AccountPreferences } from '@/features/account/api/me';
import type { Delivery, Subscription, SubscriptionInput } from '@/features/alerts/api/alerts';
import { parisFrance, parisTexas } from './fixtures';

const ORIGIN = 'http://api.test';
export const ALLAUTH = `${ORIGIN}/_allauth/browser/v1`;
const ME = `${ORIGIN}/api/v1/me`;
const ALERTS = `${ORIGIN}/api/v1/alerts`;

const PLACES: AccountFavourite[] = [parisFrance, parisTexas].map((l) => ({
  id: l.id,
  name: l.name,
  country: l.country,
  admin1: l.admin1,
  latitude: l.latitude,
  longitude: l.longitude,
}));

export const DEFAULT_ACCOUNT_PREFERENCES: AccountPreferences = {
  temperature_unit: 'celsius',
  wind_unit: 'kmh',
  precipitation_unit: 'mm',
  language: 'en',
  theme: 'system',
};

type Account = { email: string; password: string; verified: boolean };

/** The fake server's state; tests read it to see what the SPA wrote. */
export const people = {
  accounts: [] as Account[],
  user: null as string | null,
  /** The address waiting for its verification link (signed up on this "browser"). */
  pendingEmail: null as string | null,
  favourites: [] as number[],
  preferences: { ...DEFAULT_ACCOUNT_PREFERENCES },
  subscriptions: [] as Subscription[],
  deliveries: [] as Delivery[],
  pushSubscriptions: [] as { endpoint: string }[],
  csrfHeaders: [] as (string | null)[],
};

export function resetPeople(): void {
  Object.assign(people, {
    accounts: [],
    user: null,
    pendingEmail: null,
    favourites: [],
    preferences: { ...DEFAULT_ACCOUNT_PREFERENCES },
    subscriptions: [],
    deliveries: [],
    pushSubscriptions: [],
    csrfHeaders: [],
  });
}

/** An existing, verified, signed-in account. */
export function signInAs(email = 'ada@example.org', password = 'correct horse battery'): void {
  people.accounts.push({ email, password, verified: true });
  people.user = email;
}

/** Keys like allauth's, with the `:` its emailed links percent-encode. */
export const VERIFY_KEY = 'NQ:1xaa9G:verify-key';
export const RESET_KEY = 'reset-key-1';

const session = (status = 200) =>
  people.user
    ? HttpResponse.json({
        status: 200,
        data: { user: { id: 1, email: people.user, display: people.user } },
        meta: { is_authenticated: true },
      })
    : HttpResponse.json(
        {
          status: 401,
          data: {
            flows: [
              { id: 'login' },
              { id: 'signup' },
              ...(people.pendingEmail ? [{ id: 'verify_email', is_pending: true }] : []),
            ],
          },
          meta: { is_authenticated: false },
        },
        { status: status === 200 ? 401 : status },
      );

const refuse = (param: string | undefined, code: string, message: string, status = 400) =>
  HttpResponse.json({ status, errors: [{ code, message, ...(param ? { param } : {}) }] }, { status });

const apiRefuse = (
  status: number,
  code: string,
  message: string,
  fields: Record<string, string[]> = {},
  params?: Record<string, unknown>,
) => HttpResponse.json({ error: { code, message, fields, ...(params ? { params } : {}) } }, { status });

const anonymous = () => apiRefuse(401, 'not_authenticated', 'Sign in first.');

type Credentials = { email: string; password: string };

const authHandlers = [
  http.get(`${ALLAUTH}/auth/session`, () => {
    // Every GET of allauth's browser API sets the CSRF cookie (readable on the API's host).
    if (!document.cookie.includes('csrftoken=')) document.cookie = 'csrftoken=csrf-from-session';
    return session();
  }),
  http.delete(`${ALLAUTH}/auth/session`, ({ request }) => {
    people.csrfHeaders.push(request.headers.get('X-CSRFToken'));
    people.user = null;
    return session();
  }),
  http.post(`${ALLAUTH}/auth/signup`, async ({ request }) => {
    people.csrfHeaders.push(request.headers.get('X-CSRFToken'));
    if (!request.headers.get('X-CSRFToken')) return refuse(undefined, 'csrf', 'CSRF cookie not set.', 403);
    const { email, password } = (await request.json()) as Credentials;
    if (people.accounts.some((account) => account.email === email)) {
      return refuse('email', 'email_taken', 'A user is already registered with this email address.');
    }
    if (password.length < 8) {
      return refuse(
        'password',
        'password_too_short',
        'This password is too short. It must contain at least 8 characters.',
      );
    }
    people.accounts.push({ email, password, verified: false });
    people.pendingEmail = email;
    return session();
  }),
  http.post(`${ALLAUTH}/auth/login`, async ({ request }) => {
    const { email, password } = (await request.json()) as Credentials;
    const account = people.accounts.find((a) => a.email === email && a.password === password);
    if (!account) {
      return refuse(
        'password',
        'email_password_mismatch',
        'The email address and/or password you specified are not correct.',
      );
    }
    if (!account.verified) {
      people.pendingEmail = email;
      return session();
    }
    people.user = email;
    return session();
  }),
  http.get(`${ALLAUTH}/auth/email/verify`, ({ request }) =>
    request.headers.get('X-Email-Verification-Key') === VERIFY_KEY && people.pendingEmail
      ? HttpResponse.json({ status: 200, data: { email: people.pendingEmail }, meta: { is_authenticating: true } })
      : refuse('key', 'invalid_or_expired_key', 'Invalid or expired key.'),
  ),
  http.post(`${ALLAUTH}/auth/email/verify`, async ({ request }) => {
    const { key } = (await request.json()) as { key: string };
    const account = people.accounts.find((a) => a.email === people.pendingEmail);
    if (key !== VERIFY_KEY || !account) return refuse('key', 'invalid_or_expired_key', 'Invalid or expired key.');
    account.verified = true;
    people.user = account.email;
    people.pendingEmail = null;
    return session();
  }),
  http.post(`${ALLAUTH}/auth/password/request`, () => HttpResponse.json({ status: 200 })),
  http.get(`${ALLAUTH}/auth/password/reset`, ({ request }) =>
    request.headers.get('X-Password-Reset-Key') === RESET_KEY
      ? HttpResponse.json({ status: 200, data: { user: { id: 1, email: 'ada@example.org' } } })
      : refuse('key', 'invalid_password_reset', 'The password reset token was invalid.'),
  ),
  http.post(`${ALLAUTH}/auth/password/reset`, async ({ request }) => {
    const { key, password } = (await request.json()) as { key: string; password: string };
    if (key !== RESET_KEY) return refuse('key', 'invalid_password_reset', 'The password reset token was invalid.');
    if (password.length < 8) {
      return refuse('password', 'password_too_short', 'This password is too short.');
    }
    return session();
  }),
];

const favouritesBody = () => ({
  favourites: people.favourites.map((id) => PLACES.find((place) => place.id === id)!),
});

const meHandlers = [
  http.get(`${ME}/`, () =>
    people.user
      ? HttpResponse.json({
          email: people.user,
          is_operator: false,
          preferences: people.preferences,
          favourites: people.favourites,
        })
      : anonymous(),
  ),
  http.delete(`${ME}/`, async ({ request }) => {
    if (!people.user) return anonymous();
    const { password } = (await request.json()) as { password: string };
    const account = people.accounts.find((a) => a.email === people.user)!;
    if (account.password !== password) {
      return apiRefuse(400, 'invalid_input', 'Invalid input.', { password: ['Wrong password.'] });
    }
    people.accounts = people.accounts.filter((a) => a !== account);
    people.user = null;
    return new HttpResponse(null, { status: 204 });
  }),
  http.put(`${ME}/preferences/`, async ({ request }) => {
    if (!people.user) return anonymous();
    people.preferences = (await request.json()) as AccountPreferences;
    return HttpResponse.json(people.preferences);
  }),
  http.get(`${ME}/favourites/`, () => (people.user ? HttpResponse.json(favouritesBody()) : anonymous())),
  http.put(`${ME}/favourites/`, async ({ request }) => {
    if (!people.user) return anonymous();
    people.favourites = ((await request.json()) as { ids: number[] }).ids;
    return HttpResponse.json(favouritesBody());
  }),
  http.post(`${ME}/favourites/merge/`, async ({ request }) => {
    if (!people.user) return anonymous();
    const { ids } = (await request.json()) as { ids: number[] };
    people.favourites = [...people.favourites, ...ids.filter((id) => !people.favourites.includes(id))];
    return HttpResponse.json(favouritesBody());
  }),
];

export const MAX_FAKE_SUBSCRIPTIONS = 20;

const alertHandlers = [
  http.get(`${ALERTS}/subscriptions/`, () => (people.user ? HttpResponse.json(people.subscriptions) : anonymous())),
  http.post(`${ALERTS}/subscriptions/`, async ({ request }) => {
    if (!people.user) return anonymous();
    const input = (await request.json()) as SubscriptionInput;
    if (people.subscriptions.length >= MAX_FAKE_SUBSCRIPTIONS) {
      const words = 'You have 20 alert subscriptions already.';
      return apiRefuse(409, 'too_many_subscriptions', words, { non_field_errors: [words] }, { limit: 20 });
    }
    if (input.kind === 'frost' && (input.threshold ?? 0) < -60) {
      const words = 'A frost threshold must be between -60 and 10 °C.';
      const bounds = { min: -60, max: 10, unit: '°C' };
      return apiRefuse(400, 'threshold_out_of_range', words, { threshold: [words] }, bounds);
    }
    if (input.kind === 'heat' && (input.threshold ?? 0) > 60) {
      // A problem the page has no words of its own for: the server's are shown.
      return apiRefuse(400, 'a_new_problem', 'Invalid input.', { threshold: ['Too hot to be true.'] });
    }
    const place = PLACES.find((p) => p.id === input.location_id)!;
    const { location_id: _id, ...rule } = input;
    const created: Subscription = {
      ...rule,
      id: people.subscriptions.length + 1,
      location: { id: place.id, name: place.name, country: place.country, admin1: place.admin1 },
      created: '2026-12-07T10:00:00Z',
    };
    people.subscriptions.push(created);
    return HttpResponse.json(created, { status: 201 });
  }),
  http.patch<{ id: string }>(`${ALERTS}/subscriptions/:id/`, async ({ params, request }) => {
    const row = people.subscriptions.find((s) => s.id === Number(params.id));
    if (!row) return apiRefuse(404, 'not_found', 'No such subscription.');
    Object.assign(row, await request.json());
    return HttpResponse.json(row);
  }),
  http.delete<{ id: string }>(`${ALERTS}/subscriptions/:id/`, ({ params }) => {
    people.subscriptions = people.subscriptions.filter((s) => s.id !== Number(params.id));
    return new HttpResponse(null, { status: 204 });
  }),
  http.get(`${ALERTS}/deliveries/`, () => (people.user ? HttpResponse.json(people.deliveries) : anonymous())),
  http.post(`${ALERTS}/test/`, () => {
    // Like the API: a test goes to the account's email address and to each device with push on.
    if (!people.user) return anonymous();
    // An account whose address was emptied (as an admin-made one may be) has no email channel.
    const email = people.accounts.find((account) => account.email === people.user)?.email;
    const channels = [...(email ? ['email'] : []), ...(people.pushSubscriptions.length ? ['push'] : [])];
    if (channels.length === 0) {
      return apiRefuse(400, 'no_channel', 'No channel to test: no email address and no push subscription.', {
        non_field_errors: ['No channel to test: no email address and no push subscription.'],
      });
    }
    return HttpResponse.json({ deliveries: channels.map((_, i) => i + 1), channels }, { status: 202 });
  }),
  http.get(`${ALERTS}/push/key/`, () =>
    HttpResponse.json({
      public_key: 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U',
    }),
  ),
  http.post(`${ALERTS}/push/subscriptions/`, async ({ request }) => {
    people.pushSubscriptions.push((await request.json()) as { endpoint: string });
    return HttpResponse.json({ endpoint: 'x', created: '2026-12-07T10:00:00Z' }, { status: 201 });
  }),
];

export const peopleHandlers = [...authHandlers, ...meHandlers, ...alertHandlers];
