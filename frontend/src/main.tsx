import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/app';
import { applyToDocument, loadPreferences } from '@/features/preferences/preferences';
import '@/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

applyToDocument(loadPreferences());

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
