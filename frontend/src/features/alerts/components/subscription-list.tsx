import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ErrorNotice } from '@/components/ui/error-notice';
import { useI18n } from '@/lib/i18n/use-i18n';
import { MAX_SUBSCRIPTIONS, deleteSubscription, subscriptionsQuery, type Subscription } from '../api/alerts';
import { placeName, useRuleWords } from './rule-words';
import { SubscriptionForm } from './subscription-form';

function SubscriptionItem({ subscription, onDone }: { subscription: Subscription; onDone: (m: string) => void }) {
  const { t } = useI18n();
  const rule = useRuleWords();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const remove = useMutation({
    mutationFn: () => deleteSubscription(subscription.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: subscriptionsQuery().queryKey });
      onDone(t('alerts.form.deleted'));
    },
  });
  const place = placeName(subscription.location);
  const channels = [subscription.email && t('alerts.channel.email'), subscription.push && t('alerts.channel.push')]
    .filter(Boolean)
    .join(', ');

  if (editing) {
    return (
      <li className="alert-item alert-item--editing">
        <SubscriptionForm
          subscription={subscription}
          onDone={(message) => {
            setEditing(false);
            onDone(message);
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li className="alert-item">
      <div className="alert-item__text">
        <p className="alert-item__place">
          {place} {!subscription.active && <span className="badge">{t('alerts.paused')}</span>}
        </p>
        <p>
          {rule(subscription.kind, subscription.threshold)},{' '}
          {t('alerts.horizon', { hours: subscription.horizon_hours })}
        </p>
        <p className="muted">{channels ? t('alerts.channels', { channels }) : t('alerts.noChannel')}</p>
      </div>
      <div className="alert-item__actions">
        <button
          type="button"
          className="button"
          aria-label={t('alerts.editOf', { place: subscription.location.name })}
          onClick={() => setEditing(true)}
        >
          {t('alerts.edit')}
        </button>
        <button
          type="button"
          className="button"
          aria-label={t('alerts.deleteOf', { place: subscription.location.name })}
          disabled={remove.isPending}
          onClick={() => remove.mutate()}
        >
          {t('alerts.delete')}
        </button>
      </div>
      {remove.error && <ErrorNotice error={remove.error} />}
    </li>
  );
}

/** The person's subscriptions, each with its rule in words, editable in place. */
export function SubscriptionList({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useI18n();
  const headingId = useId();
  const { data, error, refetch, isPending } = useQuery(subscriptionsQuery());
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">
        {t('alerts.subscriptions')}
      </h2>
      {error ? (
        <ErrorNotice error={error} onRetry={() => void refetch()} />
      ) : isPending ? (
        <p>{t('common.loading')}</p>
      ) : data.length === 0 ? (
        <p>{t('alerts.empty')}</p>
      ) : (
        <>
          <p className="muted">{t('alerts.count', { count: data.length, max: MAX_SUBSCRIPTIONS })}</p>
          <ul className="alert-list">
            {data.map((subscription) => (
              <SubscriptionItem key={subscription.id} subscription={subscription} onDone={onDone} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
