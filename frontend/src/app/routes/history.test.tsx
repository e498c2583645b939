import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app';
import { makeSearchPage } from '@/testing/fixtures';
import { API } from '@/testing/handlers';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';

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
    expect(screen.getByText('45 searches')).toBeInTheDocument();
  });

  it('pages through the results', async () => {
    const user = userEvent.setup();
    const { location } = renderWithProviders(<AppRoutes />, { path: '/history' });
    expect(await screen.findByText('Page 1 of 3')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Page 2 of 3')).toBeInTheDocument();
    expect(location.history?.at(-1)).toBe('/history?page=2');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Page 3 of 3')).toBeInTheDocument();
    expect(within(screen.getByTestId('history-table')).getAllByRole('row')).toHaveLength(6);
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });

  it('says when there is nothing yet', async () => {
    server.use(http.get(`${API}/searches/`, () => HttpResponse.json(makeSearchPage(0, 1))));
    renderWithProviders(<AppRoutes />, { path: '/history' });
    expect(await screen.findByText('No searches yet.')).toBeInTheDocument();
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
