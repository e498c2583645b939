// Strings of one area; `frAlerts` is typed against `enAlerts`, so a missing translation fails the typecheck.
export const enAlerts = {};

export const frAlerts: Record<keyof typeof enAlerts, string> = {};
