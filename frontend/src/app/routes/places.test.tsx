import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { FAVOURITES_STORAGE_KEY } from '@/features/favourites/favourites';
import { PREFERENCES_STORAGE_KEY } from '@/features/preferences/preferences';
import { parisFrance, parisTexas, placeOverview } from '@/testing/fixtures';
import { API } from '@/testing/handlers';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';
import PlacesRoute from './places';

const favourite = (location: typeof parisFrance) => ({
  locationId: location.id,
  name: location.name,
  admin1: location.admin1,
  country: location.country,
  countryCode: location.country_code,
});

function saveFavourites(...cities: object[]) {
  window.localStorage.setItem(FAVOURITES_STORAGE_KEY, JSON.stringify(cities));
}

describe('PlacesRoute', () => {
  it('shows one card per favourite from one request', async () => {
    saveFavourites(favourite(parisFrance), favourite(parisTexas), {
      ...favourite(parisFrance),
      locationId: null,
      name: 'Lyon',
    });
    const asked: string[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.url.includes('/overview/')) asked.push(new URL(request.url).search);
    });
    renderWithProviders(<PlacesRoute />, { path: '/places' });
    const cards = await screen.findAllByTestId('place-card');
    expect(cards).toHaveLength(2);
    expect(within(cards[0]!).getByRole('link', { name: 'Paris' })).toHaveAttribute(
      'href',
      '/?location_id=2988507&city=Paris',
    );
    expect(cards[0]).toHaveTextContent('8°');
    expect(cards[0]).toHaveTextContent('Today 3° to 9°');
    expect(cards[0]).toHaveTextContent(/Rain from Sun (18:00|6:00 PM)/);
    expect(asked).toEqual([
      '?ids=2988507%2C4717560&lang=en&temperature_unit=celsius&wind_unit=kmh&precipitation_unit=mm',
    ]);
    expect(screen.getByText(/not shown here: Lyon/)).toBeInTheDocument();
    server.events.removeAllListeners();
  });

  it('shows the alert badge in words and a dry place, in French', async () => {
    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify({ lang: 'fr' }));
    saveFavourites(favourite(parisFrance));
    server.use(
      http.get(`${API}/weather/overview/`, () =>
        HttpResponse.json({
          results: [placeOverview(parisFrance, { alert: true, next_rain: null, temperature: null })],
        }),
      ),
    );
    renderWithProviders(<PlacesRoute />, { path: '/places' });
    const card = await screen.findByTestId('place-card');
    expect(card).toHaveTextContent('Alerte météo');
    expect(card).toHaveTextContent('Pas de pluie prévue');
    expect(card).toHaveTextContent('—');
  });

  it('invites to star a city when there is none', async () => {
    renderWithProviders(<PlacesRoute />, { path: '/places' });
    expect(await screen.findByText('Star a city to see it here with its weather at a glance.')).toBeInTheDocument();
  });
});
