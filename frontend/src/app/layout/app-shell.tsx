import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { LoadingRegion, Skeleton } from '@/components/ui/skeleton';
import { AccountLink } from '@/features/account/components/account-link';
import { SampleDataBanner } from '@/features/health/components/sample-data-banner';
import { PreferencesBar } from '@/features/preferences/components/preferences-bar';
import { useI18n } from '@/lib/i18n/use-i18n';
import type { MessageKey } from '@/lib/i18n/messages';
import { OfflineBanner } from './offline-banner';

// Registers the service worker after the page has loaded; its own chunk, off the first load.
const UpdatePrompt = lazy(() =>
  import('@/features/app-install/update-prompt').then((module) => ({ default: module.UpdatePrompt })),
);

const NAV_ITEMS: { href: string; label: MessageKey }[] = [
  { href: '/', label: 'nav.weather' },
  { href: '/history', label: 'nav.history' },
  { href: '/stats', label: 'nav.stats' },
  { href: '/alerts', label: 'alerts.nav' },
];

function PageFallback() {
  const { t } = useI18n();
  return (
    <LoadingRegion label={t('common.loading')}>
      <Skeleton width="14rem" height="2rem" />
      <Skeleton height="10rem" />
    </LoadingRegion>
  );
}

function CrashNotice({ onReset }: { onReset: () => void }) {
  const { t } = useI18n();
  return (
    <div className="notice notice--error" role="alert">
      <h1 className="notice__title">{t('error.unknown.title')}</h1>
      <p>{t('error.unknown.body')}</p>
      <div className="notice__actions">
        <button type="button" className="button" onClick={onReset}>
          {t('error.retry')}
        </button>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t('error.reload')}
        </button>
      </div>
    </div>
  );
}

/** True once the page has loaded: what can wait for it then stays out of the first render. */
function usePageLoaded(): boolean {
  const [loaded, setLoaded] = useState(() => document.readyState === 'complete');
  useEffect(() => {
    if (loaded) return;
    const onLoad = () => setLoaded(true);
    // It may have loaded between the first render and this effect.
    if (document.readyState === 'complete') return onLoad();
    window.addEventListener('load', onLoad, { once: true });
    return () => window.removeEventListener('load', onLoad);
  }, [loaded]);
  return loaded;
}

/** Moves focus to the main region after in-app navigation, as a full page load would. */
function useFocusMainOnNavigation(pathname: string) {
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname]);
  return mainRef;
}

export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [pathname] = useLocation();
  const mainRef = useFocusMainOnNavigation(pathname);
  const loaded = usePageLoaded();

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <Link href="/" className="brand">
          <svg width="28" height="28" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
            <circle cx="26" cy="26" r="14" fill="#f5b301" />
            <path d="M20 52h28a10 10 0 0 0 0-20 14 14 0 0 0-27 4 8 8 0 0 0-1 16z" fill="#8aa4c8" />
          </svg>
          <span>{t('app.title')}</span>
        </Link>
        <nav className="site-nav" aria-label={t('nav.label')}>
          <ul>
            {NAV_ITEMS.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={pathname === item.href ? 'page' : undefined}>
                  {t(item.label)}
                </Link>
              </li>
            ))}
            <li>
              <AccountLink current={pathname.startsWith('/account')} />
            </li>
          </ul>
        </nav>
        <PreferencesBar />
      </header>
      <SampleDataBanner />
      <OfflineBanner />
      <main id="main" className="site-main" tabIndex={-1} ref={mainRef}>
        <ErrorBoundary resetKey={pathname} fallback={(reset) => <CrashNotice onReset={reset} />}>
          <Suspense fallback={<PageFallback />}>{children}</Suspense>
        </ErrorBoundary>
      </main>
      <footer className="site-footer">
        <p lang="en">
          <a href="https://open-meteo.com/" target="_blank" rel="noopener noreferrer">
            Weather data by Open-Meteo.com
          </a>
        </p>
        <p>
          <a href="https://www.geonames.org/" target="_blank" rel="noopener noreferrer">
            {t('footer.geonames')}
          </a>{' '}
          ({t('footer.licence')}{' '}
          <a href="https://creativecommons.org/licenses/by/4.0/" target="_blank" rel="noopener noreferrer">
            CC BY 4.0
          </a>
          )
        </p>
      </footer>
      {loaded && (
        <Suspense fallback={null}>
          <UpdatePrompt />
        </Suspense>
      )}
    </div>
  );
}
