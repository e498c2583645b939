import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeSearch, processedSearch, servedAs } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { ProcessingPanel } from './processing-panel';

const pending = makeSearch().processing;
const metric = makeSearch().units;

describe('ProcessingPanel', () => {
  it('says the analysis is running while it is pending', () => {
    renderWithProviders(<ProcessingPanel processing={pending} units={metric} gaveUp={false} />);
    expect(screen.getByTestId('analysis-running')).toHaveTextContent('Analysis running…');
  });

  it('shows the outcome once processed', () => {
    const { processing } = processedSearch(makeSearch());
    renderWithProviders(<ProcessingPanel processing={processing} units={metric} gaveUp={false} />);
    expect(screen.queryByTestId('analysis-running')).not.toBeInTheDocument();
    expect(screen.getByText('Cool')).toBeInTheDocument();
    expect(screen.getByText('Frost')).toBeInTheDocument();
    expect(screen.getByText('Cooling (-3.5°C)')).toBeInTheDocument();
    expect(screen.getByText("Within today's range")).toBeInTheDocument();
    expect(screen.getByText('Warmer than usual here')).toBeInTheDocument();
    expect(screen.getByText('Frost expected on Tuesday night.')).toBeInTheDocument();
    expect(screen.getByText(/3 searches of this city so far/)).toBeInTheDocument();
    expect(screen.getByText(/min 4°C, average 7°C, max 9°C/)).toBeInTheDocument();
  });

  it("labels the outcome with the search's own units, as the server converted it", () => {
    const { processing, units } = servedAs(processedSearch(makeSearch()), { lang: 'en', units: 'imperial' });
    renderWithProviders(<ProcessingPanel processing={processing} units={units} gaveUp={false} />);
    expect(screen.getByText('Cooling (-6.3°F)')).toBeInTheDocument();
    expect(screen.getByText(/min 40°F, average 45°F, max 48°F/)).toBeInTheDocument();
    expect(screen.queryByText(/°C/)).not.toBeInTheDocument();
  });

  it("shows the server's alert message as worded, not a copy of its own", () => {
    const search = processedSearch(makeSearch());
    const result = search.processing.result!;
    const worded = {
      ...search.processing,
      result: {
        ...result,
        notifications: [
          { kind: 'frost', severity: 'severe' as const, message: "Gel attendu à Paris : jusqu'à 14.0 °F." },
        ],
      },
    };
    renderWithProviders(
      <ProcessingPanel
        processing={worded}
        units={servedAs(search, { lang: 'fr', units: 'imperial' }).units}
        gaveUp={false}
      />,
    );
    expect(screen.getByText("Gel attendu à Paris : jusqu'à 14.0 °F.")).toHaveClass('notification--severe');
  });

  it("words a city's first search in the singular", () => {
    const { processing } = processedSearch(makeSearch());
    const first = {
      ...processing,
      result: { ...processing.result!, statistics: { ...processing.result!.statistics, search_count: 1 } },
    };
    renderWithProviders(<ProcessingPanel processing={first} units={metric} gaveUp={false} />);
    expect(screen.getByText(/^1 search of this city so far\./)).toBeInTheDocument();
  });

  it('says when the analysis failed', () => {
    const failed = { ...pending, status: 'failed' as const };
    renderWithProviders(<ProcessingPanel processing={failed} units={metric} gaveUp={false} />);
    expect(screen.getByTestId('analysis-failed')).toHaveTextContent('The analysis failed.');
  });

  it('tells the reader to come back when polling gave up', () => {
    renderWithProviders(<ProcessingPanel processing={pending} units={metric} gaveUp />);
    expect(screen.queryByTestId('analysis-running')).not.toBeInTheDocument();
    expect(screen.getByText(/taking longer than usual/)).toBeInTheDocument();
  });
});
