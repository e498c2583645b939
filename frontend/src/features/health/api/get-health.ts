import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Health } from '@/types/api';

export const getHealth = (signal?: AbortSignal): Promise<Health> => api.get('/v1/health/', undefined, signal);

export const healthQuery = () =>
  queryOptions({
    queryKey: ['health'],
    queryFn: ({ signal }) => getHealth(signal),
    staleTime: 5 * 60_000,
    retry: false,
  });

export const useHealth = () => useQuery(healthQuery());
