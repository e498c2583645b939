import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeSearch, processedSearch, servedAs } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { ProcessingPanel } from './processing-panel';

const pending = makeSearch().processing;

describe('ProcessingPanel', () => {
  it('says the analysis is running while it is pending', () => {
    renderWithProviders(<ProcessingPanel processing={pending} gaveUp={false} />);
    expect(screen.getByTestId('analysis-running')).toHaveTextContent('Analysis running…');
  });

  it('shows the outcome once processed', () => {
    const { processing } = processedSearch(makeSearch());
    renderWithProviders(<ProcessingPanel processing={processing} gaveUp={false} />);
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

  it('labels the outcome metric, as the API stores it, whatever units the search is read in', () => {
    const { processing } = servedAs(processedSearch(makeSearch()), { lang: 'en', units: 'imperial' });
    renderWithProviders(<ProcessingPanel processing={processing} gaveUp={false} />);
    expect(screen.getByText('Cooling (-3.5°C)')).toBeInTheDocument();
    expect(screen.getByText(/min 4°C, average 7°C, max 9°C/)).toBeInTheDocument();
  });

  it('says when the analysis failed', () => {
    const failed = { ...pending, status: 'failed' as const };
    renderWithProviders(<ProcessingPanel processing={failed} gaveUp={false} />);
    expect(screen.getByTestId('analysis-failed')).toHaveTextContent('The analysis failed.');
  });

  it('tells the reader to come back when polling gave up', () => {
    renderWithProviders(<ProcessingPanel processing={pending} gaveUp />);
    expect(screen.queryByTestId('analysis-running')).not.toBeInTheDocument();
    expect(screen.getByText(/taking longer than usual/)).toBeInTheDocument();
  });
});
