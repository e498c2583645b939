import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { PREFERENCES_STORAGE_KEY } from '@/features/preferences/preferences';
import { errorBody, API } from '@/testing/handlers';
import { europeanAir, parisFrance, parisTexas } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';
import { AirQualityCard } from './air-quality-card';

describe('AirQualityCard', () => {
  it('shows the European index with its band in words, the pollutants and the pollen in Europe', async () => {
    renderWithProviders(<AirQualityCard place={parisFrance} />);
    expect(await screen.findByTestId('aqi')).toHaveTextContent('European air quality index35Fair');
    expect(screen.getByText('Fine particles (PM2.5)').nextSibling).toHaveTextContent('10 μg/m³');
    expect(screen.getByText('Ozone (O₃)').nextSibling).toHaveTextContent('not available');
    const pollen = screen.getByTestId('pollen');
    expect(within(pollen).getByText('Birch').nextSibling).toHaveTextContent('85 grains/m³ (high)');
    expect(within(pollen).getByText('Olive').nextSibling).toHaveTextContent('not available');
  });

  it('shows the US index elsewhere, and says there is no pollen data, in French', async () => {
    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify({ lang: 'fr' }));
    renderWithProviders(<AirQualityCard place={parisTexas} />);
    expect(await screen.findByTestId('aqi-band')).toHaveTextContent('Mauvais pour les personnes sensibles');
    expect(screen.getByTestId('aqi')).toHaveTextContent('Indice américain de qualité de l’air112');
    expect(screen.getByTestId('pollen')).toHaveTextContent('Pas de données de pollens ici');
  });

  it('says "not available" for a missing index', async () => {
    server.use(
      http.get(`${API}/air-quality/`, () =>
        HttpResponse.json({ ...europeanAir, european_aqi: null, bands: { european_aqi: null, us_aqi: null } }),
      ),
    );
    renderWithProviders(<AirQualityCard place={parisFrance} />);
    expect(await screen.findByTestId('aqi')).toHaveTextContent('European air quality indexnot available');
  });

  it('explains a failure and retries', async () => {
    server.use(
      http.get(`${API}/air-quality/`, () => HttpResponse.json(errorBody('upstream', 'down'), { status: 503 }), {
        once: true,
      }),
    );
    renderWithProviders(<AirQualityCard place={parisFrance} />);
    expect(await screen.findByText('Air quality is not available right now.')).toBeInTheDocument();
    screen.getByRole('button', { name: 'Try again' }).click();
    expect(await screen.findByTestId('aqi')).toHaveTextContent('Fair');
  });
});
