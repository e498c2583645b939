import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { AccountSync } from './account-sync';
import { FavouritesProvider } from '@/features/favourites/favourites';
import { PreferencesProvider, usePreferences } from '@/features/preferences/preferences';
import { I18nProvider } from '@/lib/i18n/use-i18n';
import { createQueryClient } from '@/lib/query-client';

type AppProviderProps = { children: ReactNode; queryClient?: QueryClient };

/** The interface speaks the language the reader chose. */
function PreferredLanguage({ children }: { children: ReactNode }) {
  const { preferences } = usePreferences();
  return <I18nProvider lang={preferences.lang}>{children}</I18nProvider>;
}

export function AppProvider({ children, queryClient }: AppProviderProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <PreferencesProvider>
        <PreferredLanguage>
          <FavouritesProvider>
            <AccountSync />
            {children}
          </FavouritesProvider>
        </PreferredLanguage>
      </PreferencesProvider>
    </QueryClientProvider>
  );
}
