// Strings of one area; `frAccounts` is typed against `enAccounts`, so a missing translation fails the typecheck.
export const enAccounts = {};

export const frAccounts: Record<keyof typeof enAccounts, string> = {};
