import { QueryClient } from '@tanstack/react-query';
import { shouldRetry } from '@/lib/errors';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        staleTime: 60_000,
        // Fetch even when the browser says it is offline: the request then fails fast and the
        // reader sees "you are offline" instead of a skeleton that waits forever.
        networkMode: 'always',
      },
      // Creating a search must fail visibly rather than wait for a connection that may not come.
      mutations: { networkMode: 'always' },
    },
  });
}
