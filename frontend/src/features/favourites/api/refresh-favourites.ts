import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { RefreshQueued, TaskStatus } from '@/types/api';

export const startRefresh = (locationIds: number[]): Promise<RefreshQueued> =>
  api.post('/v1/refreshes/', { location_ids: locationIds });

export const cancelRefresh = (taskId: string): Promise<TaskStatus> => api.post(`/v1/refreshes/${taskId}/cancel/`, null);

const ENDED = new Set(['SUCCESS', 'FAILURE', 'CANCELLED']);

export const isEnded = (status: TaskStatus | undefined) => status !== undefined && ENDED.has(status.state);

/** The refresh's state, polled twice a second until it has ended. */
export const useRefreshStatus = (taskId: string | null) =>
  useQuery({
    queryKey: ['refresh', taskId],
    queryFn: ({ signal }) => api.get<TaskStatus>(`/v1/tasks/${taskId}/`, undefined, signal),
    enabled: taskId !== null,
    refetchInterval: (query) => (isEnded(query.state.data) ? false : 500),
  });

export const useStartRefresh = () => useMutation({ mutationFn: startRefresh });

export const useCancelRefresh = () => useMutation({ mutationFn: cancelRefresh });
