import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app';
import { renderWithProviders } from '@/testing/render';
import { PREFERENCES_STORAGE_KEY } from '@/features/preferences/preferences';
import { server } from '@/testing/server';

describe('statistics page', () => {
  it('shows totals, top cities, searches per day and temperature ranges', async () => {
    renderWithProviders(<AppRoutes />, { path: '/stats' });
    expect(await screen.findByTestId('total-searches')).toHaveTextContent('57');
    const top = screen.getByTestId('top-cities');
    expect(within(top).getAllByRole('listitem')[0]).toHaveTextContent('Paris, France12 searches');
    expect(
      screen.getByRole('img', { name: /Searches per day.*13 searches over 30 days, at most 9 in one day/ }),
    ).toBeInTheDocument();
    expect(screen.getByText('Paris, France: min 3°C, average 7°C, max 11°C')).toBeInTheDocument();
    expect(screen.getByText('Berlin, Germany: min -2°C, average 2°C, max 4°C')).toBeInTheDocument();
  });

  it('asks for the reader’s units and labels temperatures as the answer does', async () => {
    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify({ temperatureUnit: 'fahrenheit' }));
    renderWithProviders(<AppRoutes />, { path: '/stats' });
    expect(await screen.findByText('Paris, France: min 38°F, average 45°F, max 52°F')).toBeInTheDocument();
  });

  it('asks for another period', async () => {
    const user = userEvent.setup();
    const asked: string[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.url.includes('/stats/')) asked.push(new URL(request.url).search);
    });
    const { location } = renderWithProviders(<AppRoutes />, { path: '/stats' });
    await screen.findByTestId('total-searches');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), 'Last 7 days');
    await screen.findByTestId('total-searches');
    expect(location.history?.at(-1)).toBe('/stats?days=7');
    expect(asked).toEqual(['?days=30&units=metric', '?days=7&units=metric']);
    server.events.removeAllListeners();
  });
});
