// Strings of one area; `frAppInstall` is typed against `enAppInstall`, so a missing translation fails the typecheck.
// The installable app: the "new version" prompt and the age of a forecast read offline.
export const enAppInstall = {
  'appInstall.updateAvailable': 'A new version of the app is available.',
  'appInstall.reload': 'Reload',
  /** {age}: "3 hours ago", "yesterday", "now" (Intl.RelativeTimeFormat). */
  'appInstall.offlineForecast': 'Offline: this forecast was updated {age}.',
};

export const frAppInstall: Record<keyof typeof enAppInstall, string> = {
  'appInstall.updateAvailable': 'Une nouvelle version de l’application est disponible.',
  'appInstall.reload': 'Recharger',
  'appInstall.offlineForecast': 'Hors ligne : bulletin mis à jour {age}.',
};
