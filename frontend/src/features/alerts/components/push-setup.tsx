// "Enable push on this device": asks the browser's permission, subscribes through the app's
// service worker with the API's VAPID key, and gives the API the subscription. Without a
// registered service worker (the app neither installed nor open as one) push cannot work here,
// so the button is hidden and a sentence says why.
import { useEffect, useId, useState } from 'react';
import { useI18n } from '@/lib/i18n/use-i18n';
import { deletePushSubscription, getPushKey, savePushSubscription, type PushSubscriptionBody } from '../api/alerts';
import { keyBytes } from '../utils/key-bytes';

type PushState = 'checking' | 'unsupported' | 'no-worker' | 'denied' | 'off' | 'working' | 'on';

const pushSupported = () =>
  typeof navigator !== 'undefined' &&
  'serviceWorker' in navigator &&
  typeof window.PushManager !== 'undefined' &&
  typeof window.Notification !== 'undefined';

/** Where this device stands, without asking anything of the person. */
async function currentState(): Promise<PushState> {
  if (!pushSupported()) return 'unsupported';
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration) return 'no-worker';
  if (Notification.permission === 'denied') return 'denied';
  const subscription = await registration.pushManager.getSubscription();
  return subscription ? 'on' : 'off';
}

async function enablePush(): Promise<PushState> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return 'denied';
  const key = await getPushKey();
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(key),
  });
  await savePushSubscription(subscription.toJSON() as PushSubscriptionBody);
  return 'on';
}

async function disablePush(): Promise<PushState> {
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.getSubscription();
  if (subscription) {
    await deletePushSubscription(subscription.endpoint);
    await subscription.unsubscribe();
  }
  return 'off';
}

export function PushSetup() {
  const { t } = useI18n();
  const headingId = useId();
  const [state, setState] = useState<PushState>('checking');
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    currentState()
      .then((found) => live && setState(found))
      .catch(() => live && setState('unsupported'));
    return () => {
      live = false;
    };
  }, []);

  const run = (action: () => Promise<PushState>) => {
    const before = state;
    setFailure(null);
    setState('working');
    action()
      .then(setState)
      .catch((error: unknown) => {
        setFailure(error instanceof Error ? error.message : String(error));
        setState(before);
      });
  };

  const sentence: Partial<Record<PushState, string>> = {
    unsupported: t('alerts.push.unsupported'),
    'no-worker': t('alerts.push.noWorker'),
    denied: t('alerts.push.denied'),
    on: t('alerts.push.enabled'),
  };
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">
        {t('alerts.push.title')}
      </h2>
      <p role="status">{sentence[state] ?? ''}</p>
      {failure && (
        <p className="notice notice--error" role="alert">
          {t('alerts.push.failed', { reason: failure })}
        </p>
      )}
      {(state === 'off' || state === 'working') && (
        <button
          type="button"
          className="button button--primary"
          disabled={state === 'working'}
          onClick={() => run(enablePush)}
        >
          {state === 'working' ? t('alerts.push.working') : t('alerts.push.enable')}
        </button>
      )}
      {state === 'on' && (
        <button type="button" className="button" onClick={() => run(disablePush)}>
          {t('alerts.push.disable')}
        </button>
      )}
    </section>
  );
}
