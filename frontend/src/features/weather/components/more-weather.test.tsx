import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PREFERENCES_STORAGE_KEY } from '@/features/preferences/preferences';
import { dryNowcast, IMPERIAL_UNITS, makeSearch, METRIC_UNITS } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { CurrentConditions } from './current-conditions';
import { RainStrip } from './rain-strip';
import { UvCard } from './uv-card';
import { YesterdayNote } from './yesterday-note';

const body = makeSearch();
const french = () => window.localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify({ lang: 'fr' }));

describe('RainStrip', () => {
  it('says when rain starts, draws eight bars and lists them as a table', () => {
    renderWithProviders(<RainStrip nowcast={body.nowcast} units={METRIC_UNITS} />);
    expect(screen.getByTestId('rain-sentence')).toHaveTextContent(/^Rain from about (17:30|5:30 PM), light$/);
    expect(screen.queryByTestId('rain-estimated')).not.toBeInTheDocument();
    expect(screen.getByTestId('rain-bars').children).toHaveLength(8);
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows).toHaveLength(9);
    expect(rows[4]).toHaveTextContent('0.3 mm');
  });

  it('says there is no rain, and that interpolated times are an estimate, in French', () => {
    french();
    renderWithProviders(<RainStrip nowcast={dryNowcast} units={IMPERIAL_UNITS} />);
    expect(screen.getByTestId('rain-sentence')).toHaveTextContent(
      'Pas de pluie prévue dans les deux prochaines heures',
    );
    expect(screen.getByTestId('rain-estimated')).toHaveTextContent(/Estimation à partir des prévisions horaires/);
    expect(within(screen.getByRole('table')).getAllByRole('row')[1]).toHaveTextContent('0,00 in');
  });

  it('shows a missing step as not available, never as zero', () => {
    const nowcast = { ...dryNowcast, steps: dryNowcast.steps.map((step) => ({ ...step, precipitation: null })) };
    renderWithProviders(<RainStrip nowcast={nowcast} units={METRIC_UNITS} />);
    expect(within(screen.getByRole('table')).getAllByText('not available')).toHaveLength(8);
  });
});

describe('YesterdayNote', () => {
  it('compares with yesterday in both directions and both languages', () => {
    const { unmount } = renderWithProviders(<YesterdayNote yesterday={{ temperature: 5.1, difference: 3 }} />);
    expect(screen.getByTestId('yesterday')).toHaveTextContent('3° warmer than yesterday at this time');
    unmount();
    french();
    renderWithProviders(<YesterdayNote yesterday={{ temperature: 12, difference: -3.9 }} />);
    expect(screen.getByTestId('yesterday')).toHaveTextContent('4° plus froid qu’hier à la même heure');
  });

  it('says the same, and says nothing without yesterday', () => {
    const { unmount } = renderWithProviders(<YesterdayNote yesterday={{ temperature: 8, difference: 0.2 }} />);
    expect(screen.getByTestId('yesterday')).toHaveTextContent('Same temperature as yesterday at this time');
    unmount();
    renderWithProviders(
      <CurrentConditions current={body.current} units={METRIC_UNITS}>
        <YesterdayNote yesterday={null} />
      </CurrentConditions>,
    );
    expect(screen.queryByTestId('yesterday')).not.toBeInTheDocument();
  });
});

describe('UvCard', () => {
  it('shows the index now and today’s maximum with advice in words', () => {
    renderWithProviders(<UvCard current={body.current} daily={body.daily} today="2026-11-29" />);
    expect(screen.getByTestId('uv-now')).toHaveTextContent('1 (low)');
    expect(screen.getByTestId('uv-max')).toHaveTextContent('3 (moderate)');
    expect(screen.getByTestId('uv-advice')).toHaveTextContent(/sunscreen/);
  });

  it('says "not available" for a missing index, never 0', () => {
    french();
    const current = { ...body.current, uv_index: null, uv_band: null };
    const daily = body.daily.map((day) => ({ ...day, uv_index_max: null, uv_band: null }));
    renderWithProviders(<UvCard current={current} daily={daily} today="2026-11-29" />);
    expect(screen.getByTestId('uv-now')).toHaveTextContent('non disponible');
    expect(screen.getByTestId('uv-max')).toHaveTextContent('non disponible');
    expect(screen.queryByTestId('uv-advice')).not.toBeInTheDocument();
  });
});
