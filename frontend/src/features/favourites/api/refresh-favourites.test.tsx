import { renderHook, waitFor } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { http, HttpResponse } from 'msw';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { API } from '@/testing/handlers';
import { createTestQueryClient } from '@/testing/render';
import { server } from '@/testing/server';
import type { TaskStatus } from '@/types/api';
import { isEnded, isPastDeadline, pollDelay, useRefreshStatus } from './refresh-favourites';

const running = (deadline: string | null): TaskStatus => ({
  id: 'r1',
  state: 'STARTED',
  result: null,
  error: null,
  progress: { total: 3, done: 1, failed: [], started_at: null, finished_at: null, deadline_at: deadline },
});

const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={createTestQueryClient()}>{children}</QueryClientProvider>
);

describe('following a refresh', () => {
  it('asks twice a second at first, then backs off to every 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(pollDelay)).toEqual([500, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it('counts a refresh as ended a sweep after its deadline', () => {
    const deadline = '2026-12-07T05:00:00Z';
    const at = (time: string) => Date.parse(time);
    expect(isPastDeadline(running(deadline), at('2026-12-07T05:00:30Z'))).toBe(false);
    expect(isPastDeadline(running(deadline), at('2026-12-07T05:01:01Z'))).toBe(true);
    expect(isPastDeadline(running(null), at('2030-01-01T00:00:00Z'))).toBe(false);
    expect(isEnded(running('2000-01-01T00:00:00Z'))).toBe(true);
    expect(isEnded(running(new Date(Date.now() + 60_000).toISOString()))).toBe(false);
  });

  it('stops asking once the deadline has passed', async () => {
    let asked = 0;
    server.use(
      http.get(`${API}/tasks/r1/`, () => {
        asked += 1;
        return HttpResponse.json(running('2000-01-01T00:00:00Z'));
      }),
    );
    const { result } = renderHook(() => useRefreshStatus('r1'), { wrapper });
    await waitFor(() => expect(result.current.data).toBeDefined());
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(asked).toBe(1);
  });

  it('keeps asking, less often, while the refresh runs', async () => {
    let asked = 0;
    server.use(
      http.get(`${API}/tasks/r1/`, () => {
        asked += 1;
        return HttpResponse.json(running(new Date(Date.now() + 600_000).toISOString()));
      }),
    );
    renderHook(() => useRefreshStatus('r1'), { wrapper });
    // Answers at 0, 0.5 and 1.5 s; the next waits until 3.5 s.
    await new Promise((resolve) => setTimeout(resolve, 2200));
    expect(asked).toBe(3);
  });
});
