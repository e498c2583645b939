import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { makeSearch, processedSearch } from '@/testing/fixtures';
import { API } from '@/testing/handlers';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';
import { ProcessingPanel } from './processing-panel';

describe('ProcessingPanel', () => {
  it('shows "analysis running", polls, then shows the outcome', async () => {
    let polls = 0;
    server.use(
      http.get(`${API}/searches/42/`, () => {
        polls += 1;
        return HttpResponse.json(polls < 2 ? makeSearch() : processedSearch());
      }),
    );
    renderWithProviders(<ProcessingPanel search={makeSearch()} />);
    expect(screen.getByTestId('analysis-running')).toHaveTextContent('Analysis running…');

    // Polls at 500 ms then 1 s: still pending, then processed.
    expect(await screen.findByTestId('analysis-result', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(polls).toBe(2);
    expect(screen.queryByTestId('analysis-running')).not.toBeInTheDocument();
    expect(screen.getByText('Cool')).toBeInTheDocument();
    expect(screen.getByText('Frost')).toBeInTheDocument();
    expect(screen.getByText('Cooling (-3.5°C)')).toBeInTheDocument();
    expect(screen.getByText("Within today's range")).toBeInTheDocument();
    expect(screen.getByText('Warmer than usual here')).toBeInTheDocument();
    expect(screen.getByText('Frost expected on Tuesday night.')).toBeInTheDocument();
    expect(screen.getByText(/3 searches of this city so far/)).toBeInTheDocument();

    // Stops polling once processed.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(polls).toBe(2);
  });

  it('does not poll a search that is already processed', async () => {
    let polls = 0;
    server.use(
      http.get(`${API}/searches/42/`, () => {
        polls += 1;
        return HttpResponse.json(processedSearch());
      }),
    );
    renderWithProviders(<ProcessingPanel search={processedSearch()} />);
    expect(screen.getByTestId('analysis-result')).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(polls).toBe(0);
  });

  it('says when the analysis failed', async () => {
    const failed = makeSearch({ processing: { ...makeSearch().processing, status: 'failed' } });
    server.use(http.get(`${API}/searches/42/`, () => HttpResponse.json(failed)));
    renderWithProviders(<ProcessingPanel search={makeSearch()} />);
    expect(await screen.findByTestId('analysis-failed', {}, { timeout: 2000 })).toHaveTextContent(
      'The analysis failed.',
    );
  });
});
