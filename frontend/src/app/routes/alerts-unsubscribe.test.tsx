import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app';
import { PREFERENCES_STORAGE_KEY } from '@/features/preferences/preferences';
import { server } from '@/testing/server';
import { renderWithProviders } from '@/testing/render';

beforeAll(async () => {
  await import('./alerts-unsubscribe');
});

const ENDPOINT = 'http://api.test/api/v1/alerts/unsubscribe/';
const GOOD = 'good-token';

/** The API's answers: GET describes, POST stops; each call recorded. */
function serveUnsubscribe() {
  const calls: string[] = [];
  let active = true;
  const answer = (request: Request) => {
    const token = new URL(request.url).searchParams.get('token');
    calls.push(`${request.method} ${token}`);
    if (token === 'old')
      return HttpResponse.json({ error: { code: 'expired', message: 'expired', fields: {} } }, { status: 410 });
    if (token !== GOOD)
      return HttpResponse.json({ error: { code: 'invalid_input', message: 'bad', fields: {} } }, { status: 400 });
    if (request.method === 'POST') active = false;
    return HttpResponse.json({
      subscription_id: 3,
      kind: 'frost',
      threshold: -2,
      location_name: 'Paris',
      active,
    });
  };
  server.use(
    http.get(ENDPOINT, ({ request }) => answer(request)),
    http.post(ENDPOINT, ({ request }) => answer(request)),
  );
  return calls;
}

describe('the unsubscribe page of an alert email', () => {
  it('asks first, stops the alert only on the button, then confirms', async () => {
    const calls = serveUnsubscribe();
    renderWithProviders(<AppRoutes />, { path: `/alerts/unsubscribe?token=${GOOD}` });
    expect(await screen.findByRole('heading', { name: 'Stop the frost alert for Paris?' })).toBeInTheDocument();
    expect(screen.getByText(/Frost: minimum at or below [-−]2 °C/)).toBeInTheDocument();
    expect(calls).toEqual([`GET ${GOOD}`]);

    await userEvent.click(screen.getByRole('button', { name: 'Stop this alert' }));
    expect(await screen.findByRole('status')).toHaveTextContent('The frost alert for Paris is stopped.');
    expect(calls).toEqual([`GET ${GOOD}`, `POST ${GOOD}`]);
    expect(screen.queryByRole('button', { name: 'Stop this alert' })).not.toBeInTheDocument();
  });

  it('says so in French', async () => {
    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify({ lang: 'fr' }));
    serveUnsubscribe();
    renderWithProviders(<AppRoutes />, { path: `/alerts/unsubscribe?token=${GOOD}` });
    expect(await screen.findByRole('heading', { name: 'Arrêter l’alerte gel pour Paris ?' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Arrêter cette alerte' })).toBeInTheDocument();
  });

  it('explains an expired link and a forged one in words, with no button', async () => {
    const calls = serveUnsubscribe();
    const { unmount } = renderWithProviders(<AppRoutes />, { path: '/alerts/unsubscribe?token=old' });
    expect(await screen.findByRole('alert')).toHaveTextContent('This link has expired.');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    unmount();

    renderWithProviders(<AppRoutes />, { path: '/alerts/unsubscribe?token=forged' });
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is not valid');
    expect(calls.every((call) => call.startsWith('GET'))).toBe(true);
  });
});
