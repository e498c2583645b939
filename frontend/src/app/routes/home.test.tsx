import { onlineManager } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { AppRoutes } from '@/app/app';
import { AppShell } from '@/app/layout/app-shell';
import { PREFERENCES_STORAGE_KEY } from '@/lib/preferences';
import { createQueryClient } from '@/lib/query-client';
import { makeSearch, parisTexas } from '@/testing/fixtures';
import { API, errorBody } from '@/testing/handlers';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';

const renderApp = (path: string) =>
  renderWithProviders(
    <AppShell>
      <AppRoutes />
    </AppShell>,
    { path },
  );

const failWeather = (status: number, body: ReturnType<typeof errorBody>, headers: Record<string, string> = {}) =>
  server.use(http.get(`${API}/weather/`, () => HttpResponse.json(body, { status, headers })));

describe('home page', () => {
  it('invites a search when no city is chosen', async () => {
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Weather' })).toBeInTheDocument();
    expect(screen.getByText('Search for a city to see its current weather and forecast.')).toBeInTheDocument();
  });

  it('loads the city from the URL with a skeleton, then the full report', async () => {
    const { location } = renderApp('/?city=Paris');
    expect(await screen.findByTestId('weather-skeleton')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: /Paris/ })).toBeInTheDocument();
    expect(screen.getByText('Île-de-France, France')).toBeInTheDocument();
    expect(screen.getByTestId('current-temperature')).toHaveTextContent('8°C');
    expect(screen.getByRole('img', { name: /Next 48 hours/ })).toBeInTheDocument();
    expect(within(screen.getByTestId('daily-forecast')).getAllByRole('listitem')).toHaveLength(7);
    expect(within(screen.getByTestId('daily-forecast')).getByText('Today')).toBeInTheDocument();
    expect(await screen.findByTestId('analysis-result', {}, { timeout: 3000 })).toBeInTheDocument();
    // The URL is pinned to the place the API picked, so the link shares that exact city.
    await waitFor(() => expect(location.history?.at(-1)).toBe('/?location_id=2988507&city=Paris'));
    expect(document.title).toBe('Paris · Weather');
  });

  it('asks for the picked homonym by id', async () => {
    renderApp(`/?location_id=${parisTexas.id}&city=Paris`);
    expect(await screen.findByText('Texas, United States')).toBeInTheDocument();
  });

  it('puts a searched city in the URL so Back works', async () => {
    const user = userEvent.setup();
    const { location } = renderApp('/');
    await user.type(await screen.findByRole('combobox', { name: 'Search for a city' }), 'Paris, Texas{Enter}');
    expect(await screen.findByText('Texas, United States')).toBeInTheDocument();
    // One new history entry, pinned to the city the API matched.
    await waitFor(() => expect(location.history).toEqual(['/', '/?location_id=4717560&city=Paris']));
  });

  it('explains an unknown city', async () => {
    failWeather(404, errorBody('city_not_found', 'No city matches "Atlantis".'));
    renderApp('/?city=Atlantis');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('City not found');
    expect(alert).toHaveTextContent('We couldn’t find “Atlantis”.');
    expect(within(alert).queryByRole('button')).not.toBeInTheDocument();
  });

  it.each([
    [502, 'upstream_error'],
    [503, 'upstream_unavailable'],
    [504, 'upstream_timeout'],
  ])('explains an unavailable weather service (%s) and offers a retry', async (status, code) => {
    failWeather(status, errorBody(code, 'Open-Meteo is down'));
    renderApp('/?city=Paris');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Weather service unavailable');
    server.resetHandlers();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('weather-report')).toBeInTheDocument();
  });

  it('tells how long to wait when rate limited', async () => {
    failWeather(429, errorBody('throttled', 'Too many requests', { retry_after: 30 }), { 'Retry-After': '30' });
    renderApp('/?city=Paris');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many requests');
    expect(alert).toHaveTextContent('Please wait 30 seconds before trying again.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeDisabled();
  });

  it('says when the network is unreachable', async () => {
    server.use(http.get(`${API}/weather/`, () => HttpResponse.error()));
    renderApp('/?city=Paris');
    expect(await screen.findByRole('alert')).toHaveTextContent('You are offline');
  });

  it('says offline at once instead of waiting when the browser is offline', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    onlineManager.setOnline(false);
    onTestFinished(() => onlineManager.setOnline(true));
    server.use(http.get(`${API}/weather/`, () => HttpResponse.error()));
    renderWithProviders(
      <AppShell>
        <AppRoutes />
      </AppShell>,
      { path: '/?city=Paris', queryClient: createQueryClient() },
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('You are offline');
  });

  it('flags stale data', async () => {
    server.use(http.get(`${API}/weather/`, () => HttpResponse.json(makeSearch({ stale: true }))));
    renderApp('/?city=Paris');
    expect(await screen.findByTestId('stale-notice')).toHaveTextContent('Stale data');
  });

  it('keeps favourite cities', async () => {
    const user = userEvent.setup();
    renderApp('/?city=Paris');
    await user.click(await screen.findByRole('button', { name: 'Add Paris to favourites' }));
    const favourites = screen.getByRole('region', { name: 'Favourite cities' });
    expect(within(favourites).getByRole('link', { name: /Paris/ })).toHaveAttribute(
      'href',
      '/?location_id=2988507&city=Paris',
    );
    const star = within(screen.getByTestId('weather-report')).getByRole('button', {
      name: 'Remove Paris from favourites',
    });
    expect(star).toHaveAttribute('aria-pressed', 'true');
    expect(JSON.parse(window.localStorage.getItem(PREFERENCES_STORAGE_KEY) ?? '{}').favourites).toEqual([
      { locationId: 2988507, name: 'Paris', admin1: 'Île-de-France', country: 'France', countryCode: 'FR' },
    ]);
    await user.click(within(favourites).getByRole('button', { name: 'Remove Paris from favourites' }));
    expect(within(favourites).queryByRole('link')).not.toBeInTheDocument();
    expect(star).toHaveAttribute('aria-pressed', 'false');
  });
});
