import { QueryClient } from '@tanstack/react-query';
import { shouldRetry } from '@/lib/errors';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        // A weather GET also records a search, so never refetch it behind the reader's back.
        refetchOnWindowFocus: false,
        staleTime: 60_000,
      },
    },
  });
}
