import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { RefreshQueued, TaskStatus } from '@/types/api';

export const startRefresh = (locationIds: number[]): Promise<RefreshQueued> =>
  api.post('/v1/refreshes/', { location_ids: locationIds });

export const cancelRefresh = (taskId: string): Promise<TaskStatus> => api.post(`/v1/refreshes/${taskId}/cancel/`, null);

const ENDED = new Set(['SUCCESS', 'FAILURE', 'CANCELLED']);

// The server finishes a refresh at its deadline by a sweep that runs every minute.
const SWEEP_GRACE_MS = 60_000;

/** Past the refresh's deadline and the sweep after it: nothing more will change. */
export const isPastDeadline = (status: TaskStatus | undefined, now = Date.now()) => {
  const deadline = status?.progress?.deadline_at;
  return deadline != null && now > Date.parse(deadline) + SWEEP_GRACE_MS;
};

export const isEnded = (status: TaskStatus | undefined) =>
  status !== undefined && (ENDED.has(status.state) || isPastDeadline(status));

/** Twice a second at first, then half as often after each answer, at most every 5 s. */
export const pollDelay = (answers: number) => Math.min(500 * 2 ** Math.max(answers - 1, 0), 5000);

/** The refresh's state, polled (backing off) until it has ended or its deadline has passed. */
export const useRefreshStatus = (taskId: string | null) =>
  useQuery({
    queryKey: ['refresh', taskId],
    queryFn: ({ signal }) => api.get<TaskStatus>(`/v1/tasks/${taskId}/`, undefined, signal),
    enabled: taskId !== null,
    refetchInterval: (query) => (isEnded(query.state.data) ? false : pollDelay(query.state.dataUpdateCount)),
  });

export const useStartRefresh = () => useMutation({ mutationFn: startRefresh });

export const useCancelRefresh = () => useMutation({ mutationFn: cancelRefresh });
