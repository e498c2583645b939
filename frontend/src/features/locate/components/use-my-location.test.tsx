import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { PREFERENCES_STORAGE_KEY } from '@/features/preferences/preferences';
import { API, errorBody } from '@/testing/handlers';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';
import { UseMyLocation } from './use-my-location';

type Outcome = { coords: { latitude: number; longitude: number } } | { code: number } | 'never';

/** A stand-in for the browser's geolocation: it answers with `outcome`. */
function fakeGeolocation(outcome: Outcome) {
  const asked: PositionOptions[] = [];
  const geolocation = {
    getCurrentPosition: (ok: PositionCallback, fail: PositionErrorCallback, options: PositionOptions) => {
      asked.push(options);
      if (outcome === 'never') return;
      if ('coords' in outcome) ok({ coords: outcome.coords } as GeolocationPosition);
      else fail({ code: outcome.code } as GeolocationPositionError);
    },
  };
  Object.defineProperty(navigator, 'geolocation', { value: geolocation, configurable: true });
  return asked;
}

afterEach(() => {
  Object.defineProperty(navigator, 'geolocation', { value: undefined, configurable: true });
});

describe('UseMyLocation', () => {
  it('finds the nearest place and shows its weather like a search', async () => {
    const asked = fakeGeolocation({ coords: { latitude: 33.66, longitude: -95.55 } });
    const { location } = renderWithProviders(<UseMyLocation />);
    await userEvent.click(screen.getByRole('button', { name: 'Use my location' }));
    await waitFor(() => expect(location.history?.at(-1)).toBe('/?location_id=4717560&city=Paris'));
    expect(asked[0]?.timeout).toBeGreaterThan(0);
  });

  it('shows progress while locating', async () => {
    fakeGeolocation('never');
    renderWithProviders(<UseMyLocation />);
    await userEvent.click(screen.getByRole('button', { name: 'Use my location' }));
    expect(screen.getByTestId('locate-status')).toHaveTextContent('Finding your position…');
  });

  it.each([
    [1, /did not allow access to your position/],
    [2, /could not be determined right now/],
    [3, /took too long/],
  ])('explains failure code %i in one sentence', async (code, sentence) => {
    fakeGeolocation({ code });
    renderWithProviders(<UseMyLocation />);
    await userEvent.click(screen.getByRole('button', { name: 'Use my location' }));
    expect(await screen.findByText(sentence)).toBeInTheDocument();
  });

  it('explains a browser without geolocation and a place not found, in French', async () => {
    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify({ lang: 'fr' }));
    const { unmount } = renderWithProviders(<UseMyLocation />);
    await userEvent.click(screen.getByRole('button', { name: 'Utiliser ma position' }));
    expect(await screen.findByText(/Ce navigateur ne peut pas partager votre position/)).toBeInTheDocument();
    unmount();

    fakeGeolocation({ coords: { latitude: 0, longitude: -160 } });
    server.use(
      http.get(`${API}/locations/nearest/`, () =>
        HttpResponse.json(errorBody('not_found', 'No place near'), { status: 404 }),
      ),
    );
    renderWithProviders(<UseMyLocation />);
    await userEvent.click(screen.getByRole('button', { name: 'Utiliser ma position' }));
    expect(await screen.findByText(/Aucun lieu connu n’est proche de votre position/)).toBeInTheDocument();
  });
});
