import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PREFERENCES_STORAGE_KEY } from '@/features/preferences/preferences';
import { IMPERIAL_UNITS, makeSearch, METRIC_UNITS, servedAs } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { CurrentConditions } from './current-conditions';

const current = makeSearch().current;

describe('CurrentConditions', () => {
  it('shows the values, the local observation time and the wind direction', () => {
    renderWithProviders(<CurrentConditions current={current} units={METRIC_UNITS} />);
    expect(screen.getByTestId('current-temperature')).toHaveTextContent('8°C');
    expect(screen.getByText('Feels like 5°C')).toBeInTheDocument();
    expect(screen.getByText('Overcast')).toBeInTheDocument();
    expect(screen.getByText('81%')).toBeInTheDocument();
    expect(screen.getByTestId('current-wind')).toHaveTextContent('13 km/h');
    expect(screen.getByText(', Wind from the SW')).toBeInTheDocument();
    expect(screen.getByText('0.0 mm')).toBeInTheDocument();
    // Wall clock of the city (16:45 at +01:00), whatever the browser's zone.
    expect(screen.getByText(/Observed at (16:45|4:45 PM) local time/)).toBeInTheDocument();
    expect(screen.getByText('(UTC+01:00)')).toBeInTheDocument();
  });

  it('shows what the server converted and worded, in French', () => {
    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify({ lang: 'fr' }));
    const served = servedAs(makeSearch(), { lang: 'fr', units: 'imperial' });
    renderWithProviders(<CurrentConditions current={served.current} units={IMPERIAL_UNITS} />);
    expect(screen.getByTestId('current-temperature')).toHaveTextContent('47°F');
    expect(screen.getByTestId('current-wind')).toHaveTextContent('8 mph');
    expect(screen.getByText('0,00 in')).toBeInTheDocument();
    expect(screen.getByText('Couvert')).toBeInTheDocument();
    expect(screen.getByText('Humidité')).toBeInTheDocument();
    expect(screen.getByText(', Vent de secteur SO')).toBeInTheDocument();
    expect(screen.getByText(/Observé à 16:45, heure locale/)).toBeInTheDocument();
  });

  it('draws the night icon at night', () => {
    const { container } = renderWithProviders(
      <CurrentConditions current={{ ...current, weather_code: 0, is_day: false }} units={METRIC_UNITS} />,
    );
    expect(container.querySelector('.wi-moon')).toBeInTheDocument();
    expect(container.querySelector('.wi-sun')).not.toBeInTheDocument();
  });

  it('shows dashes for missing values', () => {
    renderWithProviders(
      <CurrentConditions
        current={{ ...current, temperature: null, wind_speed: null, wind_direction: null }}
        units={METRIC_UNITS}
      />,
    );
    expect(screen.getByTestId('current-temperature')).toHaveTextContent('—');
    expect(screen.getByTestId('current-wind')).toHaveTextContent('—');
  });
});
