// Strings of one area; `frAlerts` is typed against `enAlerts`, so a missing translation fails the typecheck.
// Only the header's strings load with the first page: the pages' own are in
// messages-alerts-pages.ts, which their lazy chunk loads and adds to the messages.
import type { enAlertsPages } from './messages-alerts-pages';

const enAlertsHeader = {
  'alerts.nav': 'Alerts',
} as const;

/** Typed with the pages' keys too, so `t()` knows them; their values arrive with the pages. */
export const enAlerts = enAlertsHeader as typeof enAlertsHeader & typeof enAlertsPages;

export const frAlerts = {
  'alerts.nav': 'Alertes',
} satisfies Record<keyof typeof enAlertsHeader, string> as Record<keyof typeof enAlerts, string>;
