import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app';
import { makeSearchPage } from '@/testing/fixtures';
import { API } from '@/testing/handlers';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';

// Load the lazy page once up front, so no test spends its find timeout compiling it.
beforeAll(async () => {
  await import('./history');
});

describe('history page', () => {
  it('lists stored searches with links back to each city', async () => {
    renderWithProviders(<AppRoutes />, { path: '/history' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Search history' })).toBeInTheDocument();
    const table = await screen.findByTestId('history-table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(21);
    expect(within(rows[1]!).getByRole('link', { name: /Paris/ })).toHaveAttribute(
      'href',
      '/?location_id=2988507&city=Paris',
    );
    expect(rows[1]).toHaveTextContent('8°C · Overcast');
    expect(rows[1]).toHaveTextContent('Cool');
  });

  it('pages through the results by the cursors of the next and previous links', async () => {
    const user = userEvent.setup();
    const { location } = renderWithProviders(<AppRoutes />, { path: '/history' });
    const rows = () => within(screen.getByTestId('history-table')).getAllByRole('row');
    await screen.findByTestId('history-table');
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(location.history?.at(-1)).toBe('/history?cursor=2'));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Previous' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(rows()).toHaveLength(6));
    expect(location.history?.at(-1)).toBe('/history?cursor=3');
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    await waitFor(() => expect(rows()).toHaveLength(21));
    expect(location.history?.at(-1)).toBe('/history?cursor=2');
  });

  it('says when there is nothing yet', async () => {
    server.use(http.get(`${API}/searches/`, () => HttpResponse.json(makeSearchPage(0, 1))));
    renderWithProviders(<AppRoutes />, { path: '/history' });
    expect(await screen.findByText(/^No searches yet from this browser/)).toBeInTheDocument();
  });

  it('explains a failure', async () => {
    server.use(
      http.get(`${API}/searches/`, () =>
        HttpResponse.json({ error: { code: 'database_unavailable', message: 'x' } }, { status: 503 }),
      ),
    );
    renderWithProviders(<AppRoutes />, { path: '/history' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Service unavailable');
  });
  it('downloads the history as CSV or JSON for the current filter', async () => {
    const user = userEvent.setup();
    let city: string | null = null;
    server.use(
      http.get(`${API}/searches/`, ({ request }) => {
        city = new URL(request.url).searchParams.get('city');
        return HttpResponse.json(makeSearchPage(3, 1));
      }),
    );
    const { location } = renderWithProviders(<AppRoutes />, { path: '/history' });
    const downloads = await screen.findByRole('navigation', { name: 'Download' });
    expect(within(downloads).getByRole('link', { name: 'Download CSV' })).toHaveAttribute(
      'href',
      `${API}/searches/export.csv`,
    );
    await user.type(screen.getByLabelText('Filter by city'), 'Paris');
    await user.click(screen.getByRole('button', { name: 'Filter' }));
    expect(location.history?.at(-1)).toBe('/history?city=Paris');
    expect(await screen.findByRole('link', { name: 'Download JSON' })).toHaveAttribute(
      'href',
      `${API}/searches/export.jsonl?city=Paris`,
    );
    expect(within(downloads).getByRole('link', { name: 'Download CSV' })).toHaveAttribute('download');
    await waitFor(() => expect(city).toBe('Paris'));
  });
});
