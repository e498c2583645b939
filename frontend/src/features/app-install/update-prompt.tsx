import { useEffect, useState } from 'react';
import { useI18n } from '@/lib/i18n/use-i18n';
import './app-install.css';

/** After the page has loaded and the browser is idle: the worker must not delay the first paint. */
function afterFirstPaint(run: () => void): () => void {
  const hasIdle = 'requestIdleCallback' in window;
  let handle: number | undefined;
  const schedule = () => {
    handle = hasIdle ? window.requestIdleCallback(run, { timeout: 3000 }) : window.setTimeout(run, 1);
  };
  if (document.readyState === 'complete') schedule();
  else window.addEventListener('load', schedule, { once: true });
  return () => {
    window.removeEventListener('load', schedule);
    if (handle === undefined) return;
    if (hasIdle) window.cancelIdleCallback(handle);
    else window.clearTimeout(handle);
  };
}

/**
 * Registers the service worker (production builds, where the browser has them) and offers
 * to reload when a new version is waiting. Fixed at the bottom: it never moves the page.
 */
export function UpdatePrompt() {
  const { t } = useI18n();
  const [accept, setAccept] = useState<(() => void) | null>(null);

  useEffect(() => {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    return afterFirstPaint(() => {
      import('./register-service-worker')
        .then(({ registerServiceWorker }) => registerServiceWorker((run) => setAccept(() => run)))
        .catch(() => undefined); // no worker: the app works online as before
    });
  }, []);

  if (!accept) return null;
  return (
    <div className="update-prompt" role="status" data-testid="update-prompt">
      <p>{t('appInstall.updateAvailable')}</p>
      <button type="button" className="button button--primary" onClick={accept}>
        {t('appInstall.reload')}
      </button>
    </div>
  );
}
