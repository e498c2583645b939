import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorNotice } from '@/components/ui/error-notice';
import { ApiError } from '@/lib/api-client';
import { useI18n } from '@/lib/i18n/use-i18n';
import { deliveriesQuery, sendTestNotification } from '../api/alerts';
import { useRefusalWords } from '../utils/refusal-words';
import { Deliveries } from './deliveries';
import { PushSetup } from './push-setup';
import { SubscriptionForm, type PlacePicker } from './subscription-form';
import { SubscriptionList } from './subscription-list';
import '../alerts.css';
import '@/lib/i18n/messages-alerts-pages';

function TestButton() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const refusalWords = useRefusalWords();
  const mutation = useMutation({
    mutationFn: sendTestNotification,
    onSuccess: () => {
      // The worker sends it within moments; look for it then.
      window.setTimeout(() => void queryClient.invalidateQueries({ queryKey: deliveriesQuery().queryKey }), 1500);
    },
  });
  // A refusal the page words itself (no channel: what to turn on), any other failure generically.
  const worded = mutation.error instanceof ApiError ? refusalWords(mutation.error) : null;
  return (
    <div className="alerts-test">
      <button type="button" className="button" disabled={mutation.isPending} onClick={() => mutation.mutate()}>
        {t('alerts.test.button')}
      </button>
      <p role="status">{mutation.isSuccess ? t('alerts.test.sent') : ''}</p>
      {worded ? (
        <p className="notice notice--error" role="alert">
          {worded}
        </p>
      ) : (
        mutation.error && <ErrorNotice error={mutation.error} />
      )}
    </div>
  );
}

/** The signed-in person's alerts: subscriptions, a new one, push on this device, the last notifications. */
export function AlertsPage({ placePicker }: { placePicker: PlacePicker }) {
  const { t } = useI18n();
  const [message, setMessage] = useState('');
  return (
    <div className="page alerts-page">
      <h1>{t('alerts.title')}</h1>
      <p>{t('alerts.intro')}</p>
      <p className="sr-only" role="status">
        {message}
      </p>
      <SubscriptionList onDone={setMessage} />
      <SubscriptionForm placePicker={placePicker} onDone={setMessage} />
      <PushSetup />
      <TestButton />
      <Deliveries />
    </div>
  );
}
