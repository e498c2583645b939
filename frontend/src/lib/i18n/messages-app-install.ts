// Strings of one area; `frAppInstall` is typed against `enAppInstall`, so a missing translation fails the typecheck.
export const enAppInstall = {};

export const frAppInstall: Record<keyof typeof enAppInstall, string> = {};
