import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '@/app/app';
import { SIGNED_IN_HINT_KEY } from '@/features/account/session';
import type { Subscription } from '@/features/alerts/api/alerts';
import { people, resetPeople, signInAs } from '@/testing/handlers-people';
import { renderWithProviders } from '@/testing/render';

beforeAll(async () => {
  await import('./alerts');
});

const frostInParis = (id: number): Subscription => ({
  id,
  location: { id: 2988507, name: 'Paris', country: 'France', admin1: 'Île-de-France' },
  kind: 'frost',
  threshold: -2,
  horizon_hours: 48,
  email: true,
  push: true,
  active: true,
  created: '2026-12-07T10:00:00Z',
});

beforeEach(() => {
  resetPeople();
});

describe('alerts page, signed out', () => {
  it('invites the visitor to sign in', async () => {
    renderWithProviders(<AppRoutes />, { path: '/alerts' });
    expect(await screen.findByText(/Sign in to get weather alerts/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/account/signin');
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/account/signup');
  });
});

describe('alerts page, signed in', () => {
  beforeEach(() => {
    signInAs();
    window.localStorage.setItem(SIGNED_IN_HINT_KEY, '1');
  });

  it('lists each subscription with its rule, threshold, horizon and channels in words', async () => {
    people.subscriptions = [frostInParis(1)];
    renderWithProviders(<AppRoutes />, { path: '/alerts' });
    const list = await screen.findByRole('list');
    expect(list).toHaveTextContent('Paris, Île-de-France, France');
    expect(list).toHaveTextContent(/Frost: minimum at or below [-−]2 °C, within the next 48 hours/);
    expect(list).toHaveTextContent('By email, push');
    expect(screen.getByText('1 of 20 alerts')).toBeInTheDocument();
  });

  it('words them in French too', async () => {
    // Signed in, the account's language is the one shown.
    people.preferences.language = 'fr';
    people.subscriptions = [frostInParis(1)];
    renderWithProviders(<AppRoutes />, { path: '/alerts' });
    // The account's language arrives with the account's preferences.
    await waitFor(() =>
      expect(screen.getByRole('list')).toHaveTextContent(
        /Gel : minimum inférieur ou égal à [-−]2 °C, dans les 48 prochaines heures/,
      ),
    );
  });

  it('adds a subscription for a place picked in the city search', async () => {
    const user = userEvent.setup();
    renderWithProviders(<AppRoutes />, { path: '/alerts' });
    await user.type(await screen.findByRole('combobox', { name: 'Search for a city' }), 'Paris');
    await user.click(await screen.findByRole('option', { name: /Texas/ }));
    expect(await screen.findByText('Place: Paris, Texas, United States')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Rule'), 'Wind');
    const threshold = screen.getByLabelText('Threshold (km/h)');
    await user.clear(threshold);
    await user.type(threshold, '65');
    await user.click(screen.getByRole('radio', { name: '48 hours' }));
    await user.click(screen.getByRole('checkbox', { name: 'Push notification' }));
    await user.click(screen.getByRole('button', { name: 'Add the alert' }));
    await waitFor(() => expect(people.subscriptions).toHaveLength(1));
    expect(people.subscriptions[0]).toMatchObject({
      location: { id: 4717560 },
      kind: 'wind',
      threshold: 65,
      horizon_hours: 48,
      email: true,
      push: true,
    });
    expect(await screen.findByText(/Wind at or above 65 km\/h/)).toBeInTheDocument();
  }, 15_000);

  it('shows and takes thresholds in the reader’s units, sending the API its own', async () => {
    const user = userEvent.setup();
    Object.assign(people.preferences, {
      temperature_unit: 'fahrenheit',
      wind_unit: 'bft',
      precipitation_unit: 'inch',
    });
    people.subscriptions = [frostInParis(1)];
    renderWithProviders(<AppRoutes />, { path: '/alerts' });
    const list = await screen.findByRole('list');
    await waitFor(() => expect(list).toHaveTextContent(/Frost: minimum at or below 28\.4 °F/));

    // An unchanged threshold is saved as stored, not rounded through °F.
    await user.click(screen.getByRole('button', { name: 'Edit the alert for Paris' }));
    const editing = screen.getByRole('region', { name: 'Edit the alert for Paris' });
    expect(within(editing).getByLabelText('Threshold (°F)')).toHaveValue(28.4);
    await user.click(within(editing).getByRole('checkbox', { name: 'Email' }));
    await user.click(within(editing).getByRole('button', { name: 'Save the alert' }));
    await waitFor(() => expect(people.subscriptions[0]!.email).toBe(false));
    expect(people.subscriptions[0]!.threshold).toBe(-2);

    await user.type(await screen.findByRole('combobox', { name: 'Search for a city' }), 'Paris');
    await user.click(await screen.findByRole('option', { name: /Texas/ }));
    await user.selectOptions(screen.getByLabelText('Rule'), 'Rain in a day');
    expect(screen.getByLabelText('Threshold (in)')).toHaveValue(1.18); // 30 mm
    await user.selectOptions(screen.getByLabelText('Rule'), 'Gusts');
    const threshold = screen.getByLabelText('Threshold (Bft)');
    await user.clear(threshold);
    await user.type(threshold, '8');
    await user.click(screen.getByRole('button', { name: 'Add the alert' }));
    await waitFor(() => expect(people.subscriptions).toHaveLength(2));
    expect(people.subscriptions[1]).toMatchObject({ kind: 'gusts', threshold: 62 });
    expect(await screen.findByText(/Gusts at or above 8 Bft/)).toBeInTheDocument();
  }, 20_000);

  it('asks for a place before adding', async () => {
    renderWithProviders(<AppRoutes />, { path: '/alerts' });
    await userEvent.click(await screen.findByRole('button', { name: 'Add the alert' }));
    expect(await screen.findByText(/Choose a place first/)).toBeInTheDocument();
    expect(people.subscriptions).toHaveLength(0);
  });

  it('shows the server’s refusal of the 21st subscription', async () => {
    const user = userEvent.setup();
    people.subscriptions = Array.from({ length: 20 }, (_, i) => frostInParis(i + 1));
    renderWithProviders(<AppRoutes />, { path: '/alerts' });
    await user.type(await screen.findByRole('combobox', { name: 'Search for a city' }), 'Paris');
    await user.click(await screen.findByRole('option', { name: /France/ }, { timeout: 5000 }));
    await user.click(screen.getByRole('button', { name: 'Add the alert' }));
    expect(
      await screen.findByText('You have 20 alerts already, the most you may have: delete one first.'),
    ).toBeInTheDocument();
  }, 15_000);

  it('words a threshold out of bounds itself, in French too, and keeps the server’s words otherwise', async () => {
    const user = userEvent.setup();
    people.preferences.language = 'fr';
    renderWithProviders(<AppRoutes />, { path: '/alerts' });
    await user.type(await screen.findByRole('combobox', { name: 'Rechercher une ville' }), 'Paris');
    await user.click(await screen.findByRole('option', { name: /France/ }, { timeout: 5000 }));
    const threshold = screen.getByLabelText('Seuil (°C)');
    await user.clear(threshold);
    await user.type(threshold, '-70');
    await user.click(screen.getByRole('button', { name: 'Ajouter l’alerte' }));
    expect(await screen.findByText(/Choisissez un seuil entre [-−]60 °C et 10 °C\./)).toBeInTheDocument();
    expect(people.subscriptions).toHaveLength(0);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Règle' }), 'heat');
    await user.clear(screen.getByLabelText('Seuil (°C)'));
    await user.type(screen.getByLabelText('Seuil (°C)'), '70');
    await user.click(screen.getByRole('button', { name: 'Ajouter l’alerte' }));
    expect(await screen.findByText('Too hot to be true.')).toBeInTheDocument();
  }, 15_000);

  it('edits and deletes a subscription', async () => {
    const user = userEvent.setup();
    people.subscriptions = [frostInParis(1)];
    renderWithProviders(<AppRoutes />, { path: '/alerts' });
    await user.click(await screen.findByRole('button', { name: 'Edit the alert for Paris' }));
    const editing = screen.getByRole('region', { name: 'Edit the alert for Paris' });
    await user.click(within(editing).getByRole('checkbox', { name: 'Email' }));
    await user.click(within(editing).getByRole('button', { name: 'Save the alert' }));
    await waitFor(() => expect(people.subscriptions[0]!.email).toBe(false));
    expect(await screen.findByText('By push')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Delete the alert for Paris' }));
    expect(await screen.findByText('No alerts yet. Add one below.')).toBeInTheDocument();
    expect(people.subscriptions).toHaveLength(0);
  });

  it('marks failed notifications clearly, with the reason', async () => {
    people.deliveries = [
      {
        id: 2,
        subscription_id: 1,
        kind: 'frost',
        location_name: 'Paris',
        day: '2026-12-08',
        channel: 'email',
        status: 'failed',
        attempts: 5,
        last_error: 'SMTP relay refused the message',
        created: '2026-12-07T10:00:00Z',
        sent_at: null,
        message: 'Frost in Paris',
      },
      {
        id: 1,
        subscription_id: null,
        kind: 'test',
        location_name: null,
        day: '2026-12-07',
        channel: 'push',
        status: 'sent',
        attempts: 1,
        last_error: '',
        created: '2026-12-07T09:00:00Z',
        sent_at: '2026-12-07T09:00:01Z',
        message: 'Test',
      },
    ];
    renderWithProviders(<AppRoutes />, { path: '/alerts' });
    const table = await screen.findByRole('table');
    const [, failed, sent] = within(table).getAllByRole('row');
    expect(failed).toHaveTextContent('Failed');
    expect(failed).toHaveTextContent('Failed after 5 attempts: SMTP relay refused the message');
    expect(sent).toHaveTextContent('Test');
    expect(sent).toHaveTextContent('Sent');
  });

  it('sends a test notification', async () => {
    renderWithProviders(<AppRoutes />, { path: '/alerts' });
    await userEvent.click(await screen.findByRole('button', { name: 'Send a test notification' }));
    expect(await screen.findByText(/Test sent to your channels/)).toBeInTheDocument();
  });

  it('says what to do when there is nowhere to send a test, in French too', async () => {
    // The account has no email address and no device with push on: the API's `no_channel`.
    people.accounts[0]!.email = '';
    const { unmount } = renderWithProviders(<AppRoutes />, { path: '/alerts' });
    await userEvent.click(await screen.findByRole('button', { name: 'Send a test notification' }));
    expect(
      await screen.findByText(
        'There is nowhere to send a test: your account has no email address and push is off on all your devices. Turn on push on this device above, then try again.',
      ),
    ).toBeInTheDocument();
    unmount();

    people.preferences.language = 'fr';
    renderWithProviders(<AppRoutes />, { path: '/alerts' });
    await userEvent.click(await screen.findByRole('button', { name: 'Envoyer une notification de test' }));
    expect(
      await screen.findByText(
        'Aucun endroit où envoyer un test : votre compte n’a pas d’adresse e-mail et les notifications sont désactivées sur tous vos appareils. Activez les notifications sur cet appareil ci-dessus, puis réessayez.',
      ),
    ).toBeInTheDocument();
  });
});

describe('push on this device', () => {
  const subscription = {
    endpoint: 'https://push.example/device-1',
    toJSON: () => ({ endpoint: 'https://push.example/device-1', keys: { p256dh: 'p', auth: 'a' } }),
  };
  let registration: { pushManager: { getSubscription: () => Promise<null>; subscribe: ReturnType<typeof vi.fn> } };

  beforeEach(() => {
    signInAs();
    window.localStorage.setItem(SIGNED_IN_HINT_KEY, '1');
    registration = {
      pushManager: { getSubscription: async () => null, subscribe: vi.fn(async () => subscription) },
    };
    vi.stubGlobal('PushManager', function PushManager() {});
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    delete (navigator as { serviceWorker?: unknown }).serviceWorker;
  });

  const browserWith = (worker: unknown, permission: NotificationPermission) => {
    Object.defineProperty(navigator, 'serviceWorker', {
      configurable: true,
      value: { getRegistration: async () => worker ?? undefined, ready: Promise.resolve(worker) },
    });
    vi.stubGlobal('Notification', { permission: 'default', requestPermission: async () => permission });
  };

  it('explains that push needs the app, and offers no button, without a service worker', async () => {
    browserWith(null, 'granted');
    renderWithProviders(<AppRoutes />, { path: '/alerts' });
    expect(await screen.findByText(/Push notifications need the app installed or open/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Enable push on this device' })).not.toBeInTheDocument();
  });

  it('subscribes with the server’s key and hands the subscription to the API', async () => {
    browserWith(registration, 'granted');
    renderWithProviders(<AppRoutes />, { path: '/alerts' });
    await userEvent.click(await screen.findByRole('button', { name: 'Enable push on this device' }));
    expect(await screen.findByText('Push notifications are on for this device.')).toBeInTheDocument();
    const options = registration.pushManager.subscribe.mock.calls[0]![0] as PushSubscriptionOptionsInit;
    expect(options.userVisibleOnly).toBe(true);
    expect((options.applicationServerKey as Uint8Array).length).toBe(65);
    expect(people.pushSubscriptions).toEqual([subscription.toJSON()]);
  });

  it('explains a refused permission in a sentence', async () => {
    browserWith(registration, 'denied');
    renderWithProviders(<AppRoutes />, { path: '/alerts' });
    await userEvent.click(await screen.findByRole('button', { name: 'Enable push on this device' }));
    expect(await screen.findByText(/Notifications are blocked for this site/)).toBeInTheDocument();
    expect(people.pushSubscriptions).toEqual([]);
  });
});
