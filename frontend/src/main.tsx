// The shared styles first: each feature's own follow, as its components import them.
import '@/styles.css';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/app';
import { startHealthCheck, startPageRequest } from '@/app/early-requests';
import { migrateStorage } from '@/app/migrate-storage';
import { applyToDocument, loadPreferences } from '@/features/preferences/preferences';
import { createQueryClient } from '@/lib/query-client';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

migrateStorage();
const preferences = loadPreferences();
applyToDocument(preferences);
const queryClient = createQueryClient();
const reactRoot = createRoot(root);

// After this module's task, tasks of their own, so a slow phone's main thread is never held
// long: the page's own request, the health check, then React's first render, which a
// transition lets React slice into short pieces.
const steps = [
  () => startPageRequest(queryClient, preferences),
  () => startHealthCheck(queryClient),
  () =>
    startTransition(() =>
      reactRoot.render(
        <StrictMode>
          <App queryClient={queryClient} />
        </StrictMode>,
      ),
    ),
];
const next = () => {
  steps.shift()?.();
  if (steps.length > 0) setTimeout(next);
};
setTimeout(next);
