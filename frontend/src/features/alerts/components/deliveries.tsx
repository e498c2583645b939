import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { ErrorNotice } from '@/components/ui/error-notice';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { useI18n } from '@/lib/i18n/use-i18n';
import type { MessageKey } from '@/lib/i18n/messages';
import { deliveriesQuery, type Delivery } from '../api/alerts';
import { useRuleWords } from './rule-words';

const STATUS_KEY: Record<Delivery['status'], MessageKey> = {
  pending: 'alerts.status.pending',
  sent: 'alerts.status.sent',
  failed: 'alerts.status.failed',
};

/** The last notifications with their outcome; a failed one says so and why. */
export function Deliveries() {
  const { t, locale } = useI18n();
  const rule = useRuleWords();
  const headingId = useId();
  const { data, error, refetch, isPending } = useQuery({
    ...deliveriesQuery(),
    // While something is still being sent, look again shortly.
    refetchInterval: (query) => (query.state.data?.some((d) => d.status === 'pending') ? 5000 : false),
  });
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  let body;
  if (error) body = <ErrorNotice error={error} onRetry={() => void refetch()} />;
  else if (isPending) body = <p>{t('common.loading')}</p>;
  else if (data.length === 0) body = <p>{t('alerts.deliveries.empty')}</p>;
  else {
    body = (
      <ScrollRegion className="deliveries__scroll" labelledBy={headingId}>
        <table className="deliveries">
          <thead>
            <tr>
              <th scope="col">{t('alerts.deliveries.when')}</th>
              <th scope="col">{t('alerts.deliveries.what')}</th>
              <th scope="col">{t('alerts.deliveries.channel')}</th>
              <th scope="col">{t('alerts.deliveries.status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((delivery) => (
              <tr key={delivery.id} className={delivery.status === 'failed' ? 'deliveries__failed' : undefined}>
                <td>{when.format(new Date(delivery.sent_at ?? delivery.created))}</td>
                <td>
                  {delivery.subscription_id === null
                    ? t('alerts.deliveries.test')
                    : `${delivery.location_name}: ${rule(delivery.kind, null)}`}
                </td>
                <td>{t(delivery.channel === 'email' ? 'alerts.form.email' : 'alerts.form.push')}</td>
                <td>
                  <span className={`badge delivery-status delivery-status--${delivery.status}`}>
                    {delivery.status === 'failed' && <span aria-hidden="true">⚠ </span>}
                    {t(STATUS_KEY[delivery.status])}
                  </span>
                  {delivery.status === 'failed' && (
                    <p className="deliveries__error">
                      {t('alerts.status.failedDetail', { attempts: delivery.attempts, error: delivery.last_error })}
                    </p>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    );
  }
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">
        {t('alerts.deliveries')}
      </h2>
      {body}
    </section>
  );
}
