import { useEffect, useState } from 'react';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useOnlineStatus } from '@/lib/use-online-status';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "3 hours ago" / "il y a 3 heures": the largest whole unit, "now" under a minute. */
export function ageInWords(fromIso: string, now: number, locale: string): string {
  const seconds = Math.max(0, (now - Date.parse(fromIso)) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/**
 * Offline, the forecast shown is the last one kept: say how old it is, updated every minute.
 * Online nothing is shown (the page holds a fresh answer).
 */
export function ForecastAge({ updatedAt }: { updatedAt: string }) {
  const { t, locale } = useI18n();
  const online = useOnlineStatus();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (online) return;
    const tick = () => setNow(Date.now());
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, 60_000);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [online]);

  if (online) return null;
  return (
    <p className="banner banner--info forecast-age" role="status" data-testid="forecast-age">
      {t('appInstall.offlineForecast', { age: ageInWords(updatedAt, now, locale) })}
    </p>
  );
}
