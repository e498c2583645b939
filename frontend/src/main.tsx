// The shared styles first: each feature's own follow, as its components import them.
import '@/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/app';
import { startEarlyRequests } from '@/app/early-requests';
import { migrateStorage } from '@/app/migrate-storage';
import { applyToDocument, loadPreferences } from '@/features/preferences/preferences';
import { createQueryClient } from '@/lib/query-client';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

migrateStorage();
const preferences = loadPreferences();
applyToDocument(preferences);
const queryClient = createQueryClient();
startEarlyRequests(queryClient, preferences);

createRoot(root).render(
  <StrictMode>
    <App queryClient={queryClient} />
  </StrictMode>,
);
