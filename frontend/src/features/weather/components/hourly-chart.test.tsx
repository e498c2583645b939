import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeSearch, METRIC_UNITS } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { HourlyChart } from './hourly-chart';

describe('HourlyChart', () => {
  it('draws the chart at once and its table only when the reader opens it', async () => {
    const { hourly } = makeSearch();
    renderWithProviders(<HourlyChart hours={hourly} units={METRIC_UNITS} />);
    expect(screen.getByTestId('hourly-chart')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();

    await userEvent.click(screen.getByText('Show as a table'));
    await waitFor(() => expect(screen.getByRole('table')).toBeInTheDocument());
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows).toHaveLength(hourly.length + 1);
    expect(rows[1]).toHaveTextContent(/°C/);
  });
});
