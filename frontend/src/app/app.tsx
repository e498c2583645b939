import type { QueryClient } from '@tanstack/react-query';
import { lazy } from 'react';
import { Route, Switch } from 'wouter';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { AppShell } from './layout/app-shell';
import { AppProvider } from './provider';
import HomeRoute from './routes/home';
import './app.css';

// Each page is its own chunk; the shell loads first, with the landing page (imported above:
// no second round trip before the first content).
const HistoryRoute = lazy(() => import('./routes/history'));
const StatsRoute = lazy(() => import('./routes/stats'));
const PlacesRoute = lazy(() => import('./routes/places'));
const AccountRoute = lazy(() => import('./routes/account'));
const AlertsRoute = lazy(() => import('./routes/alerts'));
const AlertsUnsubscribeRoute = lazy(() => import('./routes/alerts-unsubscribe'));
const NotFoundRoute = lazy(() => import('./routes/not-found'));

export function AppRoutes() {
  return (
    <Switch>
      <Route path="/" component={HomeRoute} />
      <Route path="/history" component={HistoryRoute} />
      <Route path="/stats" component={StatsRoute} />
      <Route path="/account" component={AccountRoute} />
      <Route path="/account/*" component={AccountRoute} />
      <Route path="/alerts/unsubscribe" component={AlertsUnsubscribeRoute} />
      <Route path="/alerts" component={AlertsRoute} />
      <Route path="/places" component={PlacesRoute} />
      <Route component={NotFoundRoute} />
    </Switch>
  );
}

/** Last line of defence: even a crash in the shell or providers shows text, never a blank page. */
function FatalError() {
  return (
    <div className="fatal" role="alert">
      <h1>Something went wrong / Une erreur est survenue</h1>
      <p>
        <a href="/">Reload / Recharger</a>
      </p>
    </div>
  );
}

export function App({ queryClient }: { queryClient?: QueryClient }) {
  return (
    <ErrorBoundary fallback={() => <FatalError />}>
      <AppProvider queryClient={queryClient}>
        <AppShell>
          <AppRoutes />
        </AppShell>
      </AppProvider>
    </ErrorBoundary>
  );
}
