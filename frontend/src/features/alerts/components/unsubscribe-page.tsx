// The page an alert email's visible link opens: it says what the link would stop and stops it
// only on the button (a GET changes nothing, so mail scanners following links stop nothing).
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { LoadingRegion, Skeleton } from '@/components/ui/skeleton';
import { ApiError } from '@/lib/api-client';
import { useI18n } from '@/lib/i18n/use-i18n';
import type { MessageKey } from '@/lib/i18n/messages';
import { confirmUnsubscribe, describeUnsubscribe } from '../api/alerts';
import { useRuleWords } from './rule-words';

/** The sentence for a refused token: expired (410), forged (400), gone (404), or the server's. */
function useRefusal() {
  const { t } = useI18n();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.status === 410) return t('alerts.unsubscribe.expired');
      if (error.status === 400) return t('alerts.unsubscribe.invalid');
      if (error.status === 404) return t('alerts.unsubscribe.gone');
      return t('alerts.unsubscribe.failed', { reason: error.message });
    }
    return t('alerts.unsubscribe.failed', { reason: error instanceof Error ? error.message : String(error) });
  };
}

export function UnsubscribePage({ token }: { token: string }) {
  const { t } = useI18n();
  const ruleWords = useRuleWords();
  const refusal = useRefusal();
  const described = useQuery({
    queryKey: ['alerts', 'unsubscribe', token],
    queryFn: () => describeUnsubscribe(token),
    enabled: token !== '',
    retry: false,
  });
  const stop = useMutation({ mutationFn: () => confirmUnsubscribe(token) });

  let content: React.ReactNode;
  if (!token) {
    content = <p className="notice notice--error">{t('alerts.unsubscribe.invalid')}</p>;
  } else if (described.isPending) {
    content = (
      <LoadingRegion label={t('common.loading')}>
        <Skeleton width="16rem" height="1.5rem" />
      </LoadingRegion>
    );
  } else if (described.isError) {
    content = (
      <p className="notice notice--error" role="alert">
        {refusal(described.error)}
      </p>
    );
  } else {
    const alert = stop.data ?? described.data;
    const words = {
      kind: t(`alerts.unsubscribe.kind.${alert.kind}` as MessageKey),
      place: alert.location_name,
    };
    content = alert.active ? (
      <>
        <h2>{t('alerts.unsubscribe.question', words)}</h2>
        <p>{ruleWords(alert.kind, alert.threshold)}</p>
        {stop.isError && (
          <p className="notice notice--error" role="alert">
            {refusal(stop.error)}
          </p>
        )}
        <p>
          <button
            type="button"
            className="button button--primary"
            disabled={stop.isPending}
            onClick={() => stop.mutate()}
          >
            {stop.isPending ? t('alerts.unsubscribe.working') : t('alerts.unsubscribe.confirm')}
          </button>
        </p>
      </>
    ) : (
      <p className="notice notice--info" role="status">
        {t('alerts.unsubscribe.done', words)}
      </p>
    );
  }

  return (
    <div className="page unsubscribe">
      <h1>{t('alerts.unsubscribe.title')}</h1>
      {content}
      <p>
        <Link href="/alerts">{t('alerts.unsubscribe.manage')}</Link>
      </p>
    </div>
  );
}
