import { QueryClient } from '@tanstack/react-query';
import { render, renderHook } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { AppProvider } from '@/app/provider';

export function createTestQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity, networkMode: 'always' } } });
}

function providers(path: string, queryClient: QueryClient) {
  const location = memoryLocation({ path, record: true });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AppProvider queryClient={queryClient}>
      <Router hook={location.hook} searchHook={location.searchHook}>
        {children}
      </Router>
    </AppProvider>
  );
  return { location, wrapper };
}

type Options = { path?: string; queryClient?: QueryClient };

/** Renders with the app's providers and an in-memory router starting at `path`. */
export function renderWithProviders(
  ui: ReactElement,
  { path = '/', queryClient = createTestQueryClient() }: Options = {},
) {
  const { location, wrapper } = providers(path, queryClient);
  return { ...render(ui, { wrapper }), location, queryClient };
}

/** Runs a hook inside the same providers and router. */
export function renderHookWithProviders<Result>(
  hook: () => Result,
  { path = '/', queryClient = createTestQueryClient() }: Options = {},
) {
  const { location, wrapper } = providers(path, queryClient);
  return { ...renderHook(hook, { wrapper }), location, queryClient };
}
