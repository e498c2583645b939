// The shared styles first: each feature's own follow, as its components import them.
import '@/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/app';
import { migrateStorage } from '@/app/migrate-storage';
import { applyToDocument, loadPreferences } from '@/features/preferences/preferences';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

migrateStorage();
applyToDocument(loadPreferences());

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
