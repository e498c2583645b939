import { onlineManager } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { AppRoutes } from '@/app/app';
import { AppShell } from '@/app/layout/app-shell';
import { FAVOURITES_STORAGE_KEY } from '@/features/favourites/favourites';
import { createQueryClient } from '@/lib/query-client';
import { makeSearch, processedSearch, searchId } from '@/testing/fixtures';
import { API, createdSearch, errorBody } from '@/testing/handlers';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';
import type { SearchRequest } from '@/types/api';

const renderApp = (path: string) =>
  renderWithProviders(
    <AppShell>
      <AppRoutes />
    </AppShell>,
    { path },
  );

/** Every weather request the page makes, as "METHOD path?query". */
function recordWeatherRequests() {
  const requests: string[] = [];
  const bodies: SearchRequest[] = [];
  server.events.on('request:start', async ({ request }) => {
    const url = new URL(request.url);
    if (!url.pathname.includes('/searches/') && !url.pathname.includes('/weather/')) return;
    requests.push(`${request.method} ${url.pathname.replace('/api/v1', '')}${url.search}`);
    if (request.method === 'POST') bodies.push((await request.clone().json()) as SearchRequest);
  });
  onTestFinished(() => server.events.removeAllListeners());
  return { requests, bodies };
}

const failCreate = (status: number, body: ReturnType<typeof errorBody>, headers: Record<string, string> = {}) =>
  server.use(http.post(`${API}/searches/`, () => HttpResponse.json(body, { status, headers })));

// Load the lazy page once up front, so no test spends its find timeout compiling it.
beforeAll(async () => {
  await import('./home');
});

describe('home page', () => {
  it('invites a search when no city is chosen', async () => {
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Weather' })).toBeInTheDocument();
    expect(screen.getByText('Search for a city to see its current weather and forecast.')).toBeInTheDocument();
  });

  it('records one search for a link without one, then names it in the URL', async () => {
    const { requests, bodies } = recordWeatherRequests();
    const { location } = renderApp('/?city=Paris');
    expect(await screen.findByRole('heading', { level: 1, name: /Paris/ })).toBeInTheDocument();
    expect(screen.getByText('Île-de-France, France')).toBeInTheDocument();
    expect(screen.getByTestId('current-temperature')).toHaveTextContent('8°C');
    // Drawn a frame or more after the report's top.
    expect(await screen.findByRole('img', { name: /Next 48 hours/ })).toBeInTheDocument();
    expect(within(await screen.findByTestId('daily-forecast')).getAllByRole('listitem')).toHaveLength(7);
    expect(within(screen.getByTestId('daily-forecast')).getByText('Today')).toBeInTheDocument();
    // In place of the link: pinned to the place the API picked and to the stored search.
    expect(location.history).toEqual(['/?location_id=2988507&city=Paris&search=00000000-0000-4000-8000-000000000042']);
    expect(document.title).toBe('Paris · Weather');
    expect(bodies).toEqual([
      { city: 'Paris', lang: 'en', temperature_unit: 'celsius', wind_unit: 'kmh', precipitation_unit: 'mm' },
    ]);
    expect(requests[0]).toBe('POST /searches/');
  });

  it('keeps one skeleton from recording the search until its report is drawn', async () => {
    // Every skeleton element the page ever shows, noted at each change of the page.
    const skeletons = new Set<Element>();
    const observer = new MutationObserver(() => {
      document.querySelectorAll('[data-testid="weather-skeleton"]').forEach((element) => skeletons.add(element));
    });
    observer.observe(document.body, { childList: true, subtree: true });
    onTestFinished(() => observer.disconnect());
    const { location } = renderApp('/?city=Paris');
    expect(await screen.findByTestId('current-temperature')).toHaveTextContent('8°C');
    expect(location.history?.at(-1)).toContain('search=00000000-0000-4000-8000-000000000042');
    expect(skeletons.size).toBe(1);
  });

  it('only reads a search named in the URL', async () => {
    const { requests } = recordWeatherRequests();
    renderApp('/?location_id=2988507&city=Paris&search=00000000-0000-4000-8000-000000000042');
    expect(await screen.findByTestId('analysis-result')).toBeInTheDocument();
    expect(requests).toEqual([
      'GET /searches/00000000-0000-4000-8000-000000000042/?lang=en&temperature_unit=celsius&wind_unit=kmh&precipitation_unit=mm',
    ]);
  });

  it('asks for the picked homonym by id', async () => {
    const { bodies } = recordWeatherRequests();
    renderApp('/?location_id=4717560&city=Paris');
    expect(await screen.findByText('Texas, United States')).toBeInTheDocument();
    expect(bodies).toEqual([
      {
        city: 'Paris',
        location_id: 4717560,
        lang: 'en',
        temperature_unit: 'celsius',
        wind_unit: 'kmh',
        precipitation_unit: 'mm',
      },
    ]);
  });

  it('puts a searched city in the URL so Back works', async () => {
    const user = userEvent.setup();
    const { location } = renderApp('/');
    await user.type(await screen.findByRole('combobox', { name: 'Search for a city' }), 'Paris, Texas{Enter}');
    expect(await screen.findByText('Texas, United States')).toBeInTheDocument();
    // One new history entry, pinned to the city the API matched and its stored search.
    await waitFor(() =>
      expect(location.history).toEqual([
        '/',
        '/?location_id=4717560&city=Paris&search=00000000-0000-4000-8000-000000004717',
      ]),
    );
  });

  it('records a new search when the same city is searched again', async () => {
    const user = userEvent.setup();
    const { requests } = recordWeatherRequests();
    let nextId = 42;
    server.use(
      http.post<never, SearchRequest>(`${API}/searches/`, async ({ request }) =>
        HttpResponse.json(processedSearch(createdSearch(await request.json(), searchId(nextId++))), { status: 201 }),
      ),
    );
    const { location } = renderApp('/?city=Paris');
    await waitFor(() => expect(location.history?.at(-1)).toContain('search=00000000-0000-4000-8000-000000000042'));
    await user.type(screen.getByRole('combobox', { name: 'Search for a city' }), '{Enter}');
    await waitFor(() =>
      expect(location.history?.at(-1)).toBe(
        '/?location_id=2988507&city=Paris&search=00000000-0000-4000-8000-000000000043',
      ),
    );
    expect(requests.filter((request) => request.startsWith('POST'))).toHaveLength(2);
  });

  it('polls while the analysis runs, then shows it and stops', async () => {
    let polls = 0;
    server.use(
      http.get(`${API}/searches/00000000-0000-4000-8000-000000000042/`, () => {
        polls += 1;
        return HttpResponse.json(polls < 2 ? makeSearch() : processedSearch(makeSearch()));
      }),
    );
    renderApp('/?city=Paris');
    expect(await screen.findByTestId('analysis-running')).toHaveTextContent('Analysis running…');
    // Polls at 500 ms then 1 s: still pending, then processed.
    expect(await screen.findByTestId('analysis-result', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(polls).toBe(2);
    expect(screen.getByText('Cool')).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(polls).toBe(2);
  });

  it('does not poll a search that is already processed', async () => {
    const { requests } = recordWeatherRequests();
    server.use(
      http.post<never, SearchRequest>(`${API}/searches/`, async ({ request }) =>
        HttpResponse.json(processedSearch(createdSearch(await request.json())), { status: 201 }),
      ),
    );
    renderApp('/?city=Paris');
    expect(await screen.findByTestId('analysis-result')).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(requests).toEqual(['POST /searches/']);
  });

  it('searches the city anew when the named search no longer exists', async () => {
    server.use(
      http.get(`${API}/searches/00000000-0000-4000-8000-000000000007/`, () =>
        HttpResponse.json(errorBody('not_found', 'Not found.'), { status: 404 }),
      ),
    );
    const { location } = renderApp('/?location_id=2988507&city=Paris&search=00000000-0000-4000-8000-000000000007');
    await waitFor(() =>
      expect(location.history?.at(-1)).toBe(
        '/?location_id=2988507&city=Paris&search=00000000-0000-4000-8000-000000000042',
      ),
    );
    expect(await screen.findByTestId('weather-report')).toBeInTheDocument();
  });

  it('explains an unknown city', async () => {
    failCreate(404, errorBody('city_not_found', 'No city matches "Atlantis".'));
    renderApp('/?city=Atlantis');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('City not found');
    expect(alert).toHaveTextContent('We couldn’t find “Atlantis”.');
    expect(within(alert).queryByRole('button')).not.toBeInTheDocument();
  });

  it.each([
    [502, 'upstream_error'],
    [503, 'upstream_unavailable'],
    [504, 'upstream_timeout'],
  ])('explains an unavailable weather service (%s) and offers a retry', async (status, code) => {
    failCreate(status, errorBody(code, 'Open-Meteo is down'));
    renderApp('/?city=Paris');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Weather service unavailable');
    server.resetHandlers();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('weather-report')).toBeInTheDocument();
  });

  it('tells how long to wait when rate limited', async () => {
    failCreate(429, errorBody('throttled', 'Too many requests', { retry_after: 30 }), { 'Retry-After': '30' });
    renderApp('/?city=Paris');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many requests');
    expect(alert).toHaveTextContent('Please wait 30 seconds before trying again.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeDisabled();
  });

  it('says when the network is unreachable', async () => {
    server.use(http.post(`${API}/searches/`, () => HttpResponse.error()));
    renderApp('/?city=Paris');
    expect(await screen.findByRole('alert')).toHaveTextContent('You are offline');
  });

  it('says offline at once instead of waiting when the browser is offline', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    onlineManager.setOnline(false);
    onTestFinished(() => onlineManager.setOnline(true));
    server.use(http.get(`${API}/searches/00000000-0000-4000-8000-000000000042/`, () => HttpResponse.error()));
    renderWithProviders(
      <AppShell>
        <AppRoutes />
      </AppShell>,
      { path: '/?city=Paris&search=00000000-0000-4000-8000-000000000042', queryClient: createQueryClient() },
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('You are offline');
  });

  it('flags stale data', async () => {
    // Stale when created and still when read back processed: the report may be drawn from either.
    const stale = makeSearch({ stale: true });
    server.use(
      http.post(`${API}/searches/`, () => HttpResponse.json(stale, { status: 201 })),
      http.get(`${API}/searches/:id/`, () => HttpResponse.json(processedSearch(stale))),
    );
    renderApp('/?city=Paris');
    expect(await screen.findByTestId('stale-notice')).toHaveTextContent('Stale data');
  });

  it('keeps favourite cities', async () => {
    const user = userEvent.setup();
    renderApp('/?city=Paris');
    await user.click(await screen.findByRole('button', { name: 'Add Paris to favourites' }));
    const favourites = screen.getByRole('region', { name: 'Favourite cities' });
    expect(within(favourites).getByRole('link', { name: /Paris/ })).toHaveAttribute(
      'href',
      '/?location_id=2988507&city=Paris',
    );
    const star = within(screen.getByTestId('weather-report')).getByRole('button', {
      name: 'Remove Paris from favourites',
    });
    expect(star).toHaveAttribute('aria-pressed', 'true');
    expect(JSON.parse(window.localStorage.getItem(FAVOURITES_STORAGE_KEY) ?? '[]')).toEqual([
      { locationId: 2988507, name: 'Paris', admin1: 'Île-de-France', country: 'France', countryCode: 'FR' },
    ]);
    await user.click(within(favourites).getByRole('button', { name: 'Remove Paris from favourites' }));
    expect(within(favourites).queryByRole('link')).not.toBeInTheDocument();
    expect(star).toHaveAttribute('aria-pressed', 'false');
  });
});
