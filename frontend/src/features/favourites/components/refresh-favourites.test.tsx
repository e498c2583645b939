import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { FAVOURITES_STORAGE_KEY } from '../favourites';
import { API } from '@/testing/handlers';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';
import type { FailedPlace, TaskStatus } from '@/types/api';
import { FavouriteList } from './favourite-list';

const favourite = (locationId: number | null, name: string) => ({
  locationId,
  name,
  admin1: null,
  country: 'France',
  countryCode: 'FR',
});

const statusOf = (state: TaskStatus['state'], done: number, failed: FailedPlace[] = []): TaskStatus => ({
  id: 'r1',
  state,
  result: null,
  error: null,
  progress: { total: 3, done, failed, started_at: null, finished_at: null, deadline_at: null },
});

describe('refresh all favourites', () => {
  beforeEach(() => {
    window.localStorage.setItem(
      FAVOURITES_STORAGE_KEY,
      JSON.stringify([
        favourite(2988507, 'Paris'),
        favourite(2950159, 'Berlin'),
        favourite(1, 'Nowhere'),
        favourite(null, 'Typed'),
      ]),
    );
  });

  it('refreshes the picked favourites and shows the progress until the end', async () => {
    let asked: unknown = null;
    const answers = [
      statusOf('STARTED', 1),
      statusOf('SUCCESS', 2, [{ location_id: 1, name: '', reason: 'unknown place id' }]),
    ];
    server.use(
      http.post(`${API}/refreshes/`, async ({ request }) => {
        asked = await request.json();
        return HttpResponse.json({ task_id: 'r1', status_url: '/api/v1/tasks/r1/', total: 3 }, { status: 202 });
      }),
      http.get(`${API}/tasks/r1/`, () => HttpResponse.json(answers.length > 1 ? answers.shift() : answers[0])),
    );
    const user = userEvent.setup();
    renderWithProviders(<FavouriteList />);
    await user.click(screen.getByRole('button', { name: 'Refresh all favourites' }));

    expect(asked).toEqual({ location_ids: [2988507, 2950159, 1] });
    const bar = await screen.findByRole('progressbar', { name: 'Refreshing: 1 of 3' });
    expect(bar).toHaveAttribute('value', '1');
    expect(await screen.findByRole('progressbar', { name: 'Refreshed 2 of 3' }, { timeout: 3000 })).toHaveAttribute(
      'value',
      '3',
    );
    expect(within(screen.getByTestId('refresh-favourites')).getByText('1: unknown place id')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Refresh all favourites' })).toBeEnabled();
  });

  it('cancels a running refresh', async () => {
    let state: TaskStatus['state'] = 'STARTED';
    server.use(
      http.post(`${API}/refreshes/`, () =>
        HttpResponse.json({ task_id: 'r1', status_url: '/api/v1/tasks/r1/', total: 3 }, { status: 202 }),
      ),
      http.get(`${API}/tasks/r1/`, () => HttpResponse.json(statusOf(state, 1))),
      http.post(`${API}/refreshes/r1/cancel/`, () => {
        state = 'CANCELLED';
        return HttpResponse.json(statusOf(state, 1));
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<FavouriteList />);
    await user.click(screen.getByRole('button', { name: 'Refresh all favourites' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(
      await screen.findByRole('progressbar', { name: 'Cancelled after 1 of 3' }, { timeout: 3000 }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
  });

  it('is not offered without a favourite it can name', () => {
    window.localStorage.setItem(FAVOURITES_STORAGE_KEY, JSON.stringify([favourite(null, 'Typed')]));
    renderWithProviders(<FavouriteList />);
    expect(screen.queryByRole('button', { name: 'Refresh all favourites' })).not.toBeInTheDocument();
  });
});
