// Weather alerts of the signed-in person: subscriptions, deliveries, the test, Web Push.
import { queryOptions } from '@tanstack/react-query';
import { request } from '@/lib/api-client';
import type { components } from '@/types/api.gen';

type Schemas = components['schemas'];

export type AlertKind = Schemas['AlertRuleKindEnum'];
export const ALERT_KINDS = [
  'frost',
  'heat',
  'wind',
  'gusts',
  'rain_hour',
  'rain_day',
  'thunderstorm',
] as const satisfies readonly AlertKind[];

/** The most subscriptions one account may have (the API refuses the next one). */
export const MAX_SUBSCRIPTIONS = 20;

/** The unit a rule's threshold is written in; thunderstorms have none. */
export const THRESHOLD_UNIT: Record<AlertKind, '°C' | 'km/h' | 'mm' | null> = {
  frost: '°C',
  heat: '°C',
  wind: 'km/h',
  gusts: 'km/h',
  rain_hour: 'mm',
  rain_day: 'mm',
  thunderstorm: null,
};

/** A sensible first threshold for each rule. */
export const DEFAULT_THRESHOLD: Record<AlertKind, number | null> = {
  frost: 0,
  heat: 30,
  wind: 50,
  gusts: 70,
  rain_hour: 10,
  rain_day: 30,
  thunderstorm: null,
};

export type Subscription = Schemas['SubscriptionOutput'];

/** What POST creates and PATCH changes (every field sent). */
export type SubscriptionInput = Required<Schemas['SubscriptionInputRequest']>;

/** One notification of one channel; a test has no subscription, place or day. */
export type Delivery = Schemas['DeliveryOutput'];

type Listed<T> = T[] | { results: T[] };
const items = <T>(body: Listed<T>): T[] => (Array.isArray(body) ? body : body.results);

export const subscriptionsQuery = () =>
  queryOptions({
    queryKey: ['alerts', 'subscriptions'],
    queryFn: async () => items(await request<Listed<Subscription>>('/v1/alerts/subscriptions/')),
  });

export const deliveriesQuery = () =>
  queryOptions({
    queryKey: ['alerts', 'deliveries'],
    queryFn: async () => items(await request<Listed<Delivery>>('/v1/alerts/deliveries/')),
  });

export const createSubscription = (input: SubscriptionInput): Promise<Subscription> =>
  request('/v1/alerts/subscriptions/', { method: 'POST', body: input });

export const updateSubscription = (id: number, changes: Partial<SubscriptionInput>): Promise<Subscription> =>
  request(`/v1/alerts/subscriptions/${id}/`, { method: 'PATCH', body: changes });

export const deleteSubscription = (id: number): Promise<void> =>
  request(`/v1/alerts/subscriptions/${id}/`, { method: 'DELETE' });

export const sendTestNotification = (): Promise<unknown> => request('/v1/alerts/test/', { method: 'POST' });

export const getPushKey = async (): Promise<string> =>
  (await request<{ public_key: string }>('/v1/alerts/push/key/')).public_key;

export type PushSubscriptionBody = Schemas['PushSubscriptionInputRequest'];

export const savePushSubscription = (subscription: PushSubscriptionBody): Promise<unknown> =>
  request('/v1/alerts/push/subscriptions/', { method: 'POST', body: subscription });

export const deletePushSubscription = (endpoint: string): Promise<unknown> =>
  request('/v1/alerts/push/subscriptions/', { method: 'DELETE', body: { endpoint } });

/** What an email's unsubscribe link names; `active` false once stopped. */
export type UnsubscribeAnswer = Schemas['UnsubscribeOutput'];

/** Reads what the link would stop (changes nothing). */
export const describeUnsubscribe = (token: string): Promise<UnsubscribeAnswer> =>
  request('/v1/alerts/unsubscribe/', { query: { token } });

/** Stops the alert (again: no change). */
export const confirmUnsubscribe = (token: string): Promise<UnsubscribeAnswer> =>
  request('/v1/alerts/unsubscribe/', { method: 'POST', query: { token } });
