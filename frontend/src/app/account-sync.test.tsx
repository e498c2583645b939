import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applySession, SIGNED_IN_HINT_KEY } from '@/features/account/session';
import { FAVOURITES_STORAGE_KEY, useFavourites, type FavouriteCity } from '@/features/favourites/favourites';
import { PREFERENCES_STORAGE_KEY, usePreferences } from '@/features/preferences/preferences';
import { useQueryClient } from '@tanstack/react-query';
import { delay, http, HttpResponse } from 'msw';
import { parisFrance, parisTexas } from '@/testing/fixtures';
import { people, resetPeople, signInAs } from '@/testing/handlers-people';
import { renderWithProviders } from '@/testing/render';
import { API } from '@/testing/handlers';
import { server } from '@/testing/server';

const city = (location: typeof parisFrance): FavouriteCity => ({
  locationId: location.id,
  name: location.name,
  admin1: location.admin1,
  country: location.country,
  countryCode: location.country_code,
});

/** Shows both stores, with a star for Paris, Texas, a wind unit switch and a sign-in. */
function Probe() {
  const { favourites, toggleFavourite } = useFavourites();
  const { preferences, update } = usePreferences();
  const queryClient = useQueryClient();
  return (
    <>
      <p data-testid="favourites">{favourites.map((f) => `${f.name} (${f.admin1})`).join('; ')}</p>
      <p data-testid="wind">{preferences.windUnit}</p>
      <button type="button" onClick={() => toggleFavourite(city(parisTexas))}>
        star Texas
      </button>
      <button type="button" onClick={() => update({ windUnit: 'kn' })}>
        knots
      </button>
      <button
        type="button"
        onClick={() => {
          people.user = 'ada@example.org';
          applySession(queryClient, { user: { id: 1, email: 'ada@example.org' }, pending: null });
        }}
      >
        sign in
      </button>
    </>
  );
}

const paths: string[] = [];
const record = ({ request }: { request: Request }) => {
  paths.push(`${request.method} ${new URL(request.url).pathname}`);
};

beforeEach(() => {
  resetPeople();
  paths.length = 0;
  server.events.on('request:start', record);
});
afterEach(() => {
  server.events.removeListener('request:start', record);
  window.sessionStorage.clear();
});

const favouritesShown = () => screen.getByTestId('favourites').textContent;

describe('favourites and preferences follow the account', () => {
  it('stay in this browser alone for a visitor who never signed in', async () => {
    renderWithProviders(<Probe />);
    await userEvent.click(screen.getByRole('button', { name: 'star Texas' }));
    await userEvent.click(screen.getByRole('button', { name: 'knots' }));
    expect(favouritesShown()).toBe('Paris (Texas)');
    expect(JSON.parse(window.localStorage.getItem(FAVOURITES_STORAGE_KEY)!)).toHaveLength(1);
    expect(paths).toEqual([]);
  });

  it('come from the account on a visit while signed in', async () => {
    signInAs();
    people.favourites = [parisTexas.id];
    people.preferences = { ...people.preferences, wind_unit: 'bft' };
    window.localStorage.setItem(SIGNED_IN_HINT_KEY, '1');
    window.localStorage.setItem(FAVOURITES_STORAGE_KEY, JSON.stringify([city(parisFrance)]));
    renderWithProviders(<Probe />);
    await waitFor(() => expect(favouritesShown()).toBe('Paris (Texas)'));
    expect(screen.getByTestId('wind')).toHaveTextContent('bft');
    // A visit reads the account; only a sign-in merges.
    expect(paths).not.toContain('POST /api/v1/me/favourites/merge/');
  });

  it('merge this browser’s favourites into the account at sign-in', async () => {
    people.accounts.push({ email: 'ada@example.org', password: 'x', verified: true });
    people.favourites = [parisTexas.id];
    window.localStorage.setItem(FAVOURITES_STORAGE_KEY, JSON.stringify([city(parisFrance)]));
    renderWithProviders(<Probe />);
    await userEvent.click(screen.getByRole('button', { name: 'sign in' }));
    await waitFor(() => expect(favouritesShown()).toBe('Paris (Texas); Paris (Île-de-France)'));
    expect(people.favourites).toEqual([parisTexas.id, parisFrance.id]);
    expect(paths).toContain('POST /api/v1/me/favourites/merge/');
  });

  it('keep a place starred while the account is still being read', async () => {
    people.accounts.push({ email: 'ada@example.org', password: 'x', verified: true });
    window.localStorage.setItem(FAVOURITES_STORAGE_KEY, JSON.stringify([city(parisFrance)]));
    server.use(
      http.post(`${API}/me/favourites/merge/`, async ({ request }) => {
        const { ids } = (await request.json()) as { ids: number[] };
        await delay(300);
        people.favourites = ids;
        return HttpResponse.json({ favourites: [{ ...parisFrance, id: parisFrance.id }] });
      }),
    );
    renderWithProviders(<Probe />);
    await userEvent.click(screen.getByRole('button', { name: 'sign in' }));
    await waitFor(() => expect(paths).toContain('POST /api/v1/me/favourites/merge/'));
    await userEvent.click(screen.getByRole('button', { name: 'star Texas' }));
    await waitFor(() => expect(people.favourites).toEqual([parisFrance.id, parisTexas.id]));
    expect(favouritesShown()).toBe('Paris (Île-de-France); Paris (Texas)');
  });

  it('write each change made while signed in to the account', async () => {
    signInAs();
    window.localStorage.setItem(SIGNED_IN_HINT_KEY, '1');
    window.localStorage.setItem(FAVOURITES_STORAGE_KEY, JSON.stringify([city(parisFrance)]));
    people.favourites = [parisFrance.id];
    renderWithProviders(<Probe />);
    await waitFor(() => expect(paths).toContain('GET /api/v1/me/favourites/'));
    await userEvent.click(screen.getByRole('button', { name: 'star Texas' }));
    await waitFor(() => expect(people.favourites).toEqual([parisFrance.id, parisTexas.id]));
    await userEvent.click(screen.getByRole('button', { name: 'knots' }));
    await waitFor(() => expect(people.preferences.wind_unit).toBe('kn'));
    expect(paths.filter((p) => p === 'PUT /api/v1/me/favourites/')).toHaveLength(1);
  });

  it('start a new account from the preferences chosen before signing up', async () => {
    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify({ windUnit: 'mph', lang: 'en' }));
    people.accounts.push({ email: 'new@example.org', password: 'x', verified: true });
    people.user = 'new@example.org';
    window.sessionStorage.setItem('weather-app:just-signed-in', 'new-account');
    window.localStorage.setItem(SIGNED_IN_HINT_KEY, '1');
    renderWithProviders(<Probe />);
    await waitFor(() => expect(people.preferences.wind_unit).toBe('mph'));
    expect(screen.getByTestId('wind')).toHaveTextContent('mph');
  });
});
