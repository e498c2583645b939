// Weather alerts of the signed-in person: subscriptions, deliveries, the test, Web Push.
import { queryOptions } from '@tanstack/react-query';
import { request } from '@/lib/api-client';

export const ALERT_KINDS = ['frost', 'heat', 'wind', 'gusts', 'rain_hour', 'rain_day', 'thunderstorm'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

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

export type AlertPlace = { id: number; name: string; country: string | null; admin1: string | null };

export type Subscription = {
  id: number;
  location: AlertPlace;
  kind: AlertKind;
  threshold: number | null;
  horizon_hours: 24 | 48;
  email: boolean;
  push: boolean;
  active: boolean;
  created: string;
};

export type SubscriptionInput = {
  location_id: number;
  kind: AlertKind;
  threshold: number | null;
  horizon_hours: 24 | 48;
  email: boolean;
  push: boolean;
  active: boolean;
};

export type Delivery = {
  id: number;
  subscription_id: number | null;
  kind: string;
  location_name: string;
  day: string;
  channel: 'email' | 'push';
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  last_error: string;
  created: string;
  sent_at: string | null;
  message: string;
};

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

export type PushSubscriptionBody = { endpoint: string; keys: { p256dh: string; auth: string } };

export const savePushSubscription = (subscription: PushSubscriptionBody): Promise<unknown> =>
  request('/v1/alerts/push/subscriptions/', { method: 'POST', body: subscription });

export const deletePushSubscription = (endpoint: string): Promise<unknown> =>
  request('/v1/alerts/push/subscriptions/', { method: 'DELETE', body: { endpoint } });
