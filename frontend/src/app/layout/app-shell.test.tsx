import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '@/app/app';
import { PREFERENCES_STORAGE_KEY } from '@/lib/preferences';
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

const storedPreferences = () => JSON.parse(window.localStorage.getItem(PREFERENCES_STORAGE_KEY) ?? '{}');

describe('app shell', () => {
  it('always credits Open-Meteo in the footer', async () => {
    renderApp();
    const link = within(screen.getByRole('contentinfo')).getByRole('link', { name: 'Weather data by Open-Meteo.com' });
    expect(link).toHaveAttribute('href', 'https://open-meteo.com/');
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

  it('switches units without asking the server again, and remembers them', async () => {
    const user = userEvent.setup();
    let weatherRequests = 0;
    server.events.on('request:start', ({ request }) => {
      if (request.url.includes('/weather/')) weatherRequests += 1;
    });
    renderApp('/?city=Paris');
    expect(await screen.findByTestId('current-temperature')).toHaveTextContent('8°C');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Temperature unit' }), '°F');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Wind speed unit' }), 'mph');
    expect(screen.getByTestId('current-temperature')).toHaveTextContent('47°F');
    expect(screen.getByTestId('current-wind')).toHaveTextContent('8 mph');
    expect(weatherRequests).toBe(1);
    expect(storedPreferences()).toMatchObject({ temperatureUnit: 'fahrenheit', windUnit: 'mph' });
    server.events.removeAllListeners();
  });

  it('translates the whole interface to French', async () => {
    const user = userEvent.setup();
    renderApp('/?city=Paris');
    await screen.findByTestId('weather-report');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'Français');
    expect(document.documentElement.lang).toBe('fr');
    expect(screen.getByRole('link', { name: 'Historique' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Conditions actuelles' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Prévisions sur 7 jours' })).toBeInTheDocument();
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
