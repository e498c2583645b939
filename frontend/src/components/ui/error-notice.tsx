import { useEffect, useState } from 'react';
import { classifyError, type ClassifiedError } from '@/lib/errors';
import { useI18n } from '@/lib/i18n/use-i18n';
import type { MessageKey } from '@/lib/i18n/messages';

type ErrorNoticeProps = {
  error: unknown;
  /** The city the reader asked for, quoted in "city not found". */
  city?: string;
  onRetry?: () => void;
};

const TITLES: Record<ClassifiedError['kind'], MessageKey> = {
  city_not_found: 'error.cityNotFound.title',
  not_found: 'error.notFound.title',
  invalid_input: 'error.invalid.title',
  rate_limited: 'error.rateLimited.title',
  upstream: 'error.upstream.title',
  server: 'error.server.title',
  offline: 'error.offline.title',
  unknown: 'error.unknown.title',
};

/** Seconds left of `seconds`, ticking down once a second; restarts when `seconds` changes. */
function useCountdown(seconds: number | null): number | null {
  const [elapsed, setElapsed] = useState(0);
  const [countingFrom, setCountingFrom] = useState(seconds);
  if (seconds !== countingFrom) {
    setCountingFrom(seconds);
    setElapsed(0);
  }
  const left = seconds === null ? null : Math.max(0, seconds - elapsed);
  const running = left !== null && left > 0;
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setElapsed((value) => value + 1), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  return left;
}

/** A readable explanation of a failed request, with a retry button where retrying can help. */
export function ErrorNotice({ error, city, onRetry }: ErrorNoticeProps) {
  const { t, tp } = useI18n();
  const classified = classifyError(error);
  const waitLeft = useCountdown(classified.kind === 'rate_limited' ? classified.retryAfter : null);

  let body: string;
  switch (classified.kind) {
    case 'city_not_found':
      body = t('error.cityNotFound.body', { city: city ?? '' });
      break;
    case 'rate_limited':
      body = waitLeft === null ? t('error.rateLimited.waitUnknown') : tp('error.rateLimited.wait', waitLeft);
      break;
    case 'invalid_input':
      body = classified.message;
      break;
    case 'upstream':
      body = t('error.upstream.body');
      break;
    case 'server':
      body = t('error.server.body');
      break;
    case 'offline':
      body = t('error.offline.body');
      break;
    case 'not_found':
      body = t('error.notFound.body');
      break;
    default:
      body = t('error.unknown.body');
  }

  const retryable = !['city_not_found', 'not_found', 'invalid_input'].includes(classified.kind);
  const waiting = classified.kind === 'rate_limited' && (waitLeft ?? 0) > 0;

  return (
    <div className={`notice notice--error notice--${classified.kind}`} role="alert" data-error-kind={classified.kind}>
      <h2 className="notice__title">{t(TITLES[classified.kind])}</h2>
      <p>{body}</p>
      {onRetry && retryable && (
        <button type="button" className="button" onClick={onRetry} disabled={waiting}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
