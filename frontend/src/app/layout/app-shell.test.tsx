import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '@/app/app';
import { PREFERENCES_STORAGE_KEY } from '@/features/preferences/preferences';
import { API } from '@/testing/handlers';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';
import { AppShell } from './app-shell';

const renderApp = (path = '/') =>
  renderWithProviders(
    <AppShell>
      <AppRoutes />
    </AppShell>,
    { path },
  );

// Load the lazy home page once up front, so no test spends its find timeout compiling it.
beforeAll(async () => {
  await import('@/app/routes/home');
});

const storedPreferences = () => JSON.parse(window.localStorage.getItem(PREFERENCES_STORAGE_KEY) ?? '{}');

describe('app shell', () => {
  it('always credits Open-Meteo in the footer', async () => {
    renderApp();
    const link = within(screen.getByRole('contentinfo')).getByRole('link', { name: 'Weather data by Open-Meteo.com' });
    expect(link).toHaveAttribute('href', 'https://open-meteo.com/');
  });

  it('credits GeoNames and its licence beside Open-Meteo, in each language', async () => {
    const user = userEvent.setup();
    renderApp();
    const footer = within(screen.getByRole('contentinfo'));
    expect(footer.getByRole('link', { name: 'Places from GeoNames' })).toHaveAttribute(
      'href',
      'https://www.geonames.org/',
    );
    expect(footer.getByRole('link', { name: 'CC BY 4.0' })).toHaveAttribute(
      'href',
      'https://creativecommons.org/licenses/by/4.0/',
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'Français');
    expect(footer.getByRole('link', { name: 'Lieux : GeoNames' })).toBeInTheDocument();
    expect(footer.getByRole('link', { name: 'Weather data by Open-Meteo.com' })).toBeInTheDocument();
  });

  it('shows a sample-data banner when the API runs on demo data', async () => {
    server.use(http.get(`${API}/health/`, () => HttpResponse.json({ status: 'ok', sample_data: true })));
    renderApp();
    expect(await screen.findByTestId('sample-data-banner')).toHaveTextContent('Sample data');
  });

  it('shows no banner for live data', async () => {
    renderApp();
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByTestId('sample-data-banner')).not.toBeInTheDocument();
  });

  it('marks the current page in the navigation', async () => {
    renderApp('/history');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'History' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Weather' })).not.toHaveAttribute('aria-current');
  });

  it('switches each unit by reading the same search again in them, and remembers them', async () => {
    const user = userEvent.setup();
    const requests: string[] = [];
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (url.pathname.includes('/searches/')) requests.push(`${request.method} ${url.pathname}${url.search}`);
    });
    renderApp('/?location_id=2988507&city=Paris&search=00000000-0000-4000-8000-000000000042');
    expect(await screen.findByTestId('current-temperature')).toHaveTextContent('8°C');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Temperature unit' }), '°F');
    // The fixtures convert everything for °F; the request carries each choice on its own.
    await waitFor(() => expect(screen.getByTestId('current-temperature')).toHaveTextContent('47°F'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Wind speed unit' }), 'knots');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Precipitation unit' }), 'inches');
    // The same search, read twice: no new search is recorded.
    expect(requests).toEqual([
      'GET /api/v1/searches/00000000-0000-4000-8000-000000000042/?lang=en&temperature_unit=celsius&wind_unit=kmh&precipitation_unit=mm',
      'GET /api/v1/searches/00000000-0000-4000-8000-000000000042/?lang=en&temperature_unit=fahrenheit&wind_unit=kmh&precipitation_unit=mm',
      'GET /api/v1/searches/00000000-0000-4000-8000-000000000042/?lang=en&temperature_unit=fahrenheit&wind_unit=kn&precipitation_unit=mm',
      'GET /api/v1/searches/00000000-0000-4000-8000-000000000042/?lang=en&temperature_unit=fahrenheit&wind_unit=kn&precipitation_unit=inch',
    ]);
    expect(storedPreferences()).toMatchObject({
      temperatureUnit: 'fahrenheit',
      windUnit: 'kn',
      precipitationUnit: 'inch',
    });
    server.events.removeAllListeners();
  });

  it('translates the whole interface to French', async () => {
    const user = userEvent.setup();
    renderApp('/?city=Paris');
    await screen.findByTestId('weather-report');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'Français');
    expect(document.documentElement.lang).toBe('fr');
    // The server words the weather: the same search is read again in French.
    expect(await screen.findByText('Couvert')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Historique' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Conditions actuelles' })).toBeInTheDocument();
    // The days are drawn a few frames after the report's top.
    expect(await screen.findByRole('heading', { name: 'Prévisions sur 7 jours' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Rechercher une ville' })).toBeInTheDocument();
    expect(storedPreferences()).toMatchObject({ lang: 'fr' });
  });

  it('defaults the language from the browser', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['fr-FR', 'en']);
    renderApp();
    expect(await screen.findByRole('heading', { level: 1, name: 'Météo' })).toBeInTheDocument();
  });

  it('toggles between light and dark themes', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('button', { name: 'Switch to dark theme' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    await user.click(screen.getByRole('button', { name: 'Switch to light theme' }));
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(storedPreferences()).toMatchObject({ theme: 'light' });
  });

  it('warns when the browser goes offline', async () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
    renderApp();
    expect(screen.queryByTestId('offline-banner')).not.toBeInTheDocument();
    onLine.mockReturnValue(false);
    act(() => {
      window.dispatchEvent(new Event('offline'));
    });
    expect(screen.getByTestId('offline-banner')).toHaveTextContent('You are offline');
  });

  it('shows a not-found page for unknown paths', async () => {
    renderApp('/nowhere');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });
});
