import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app';
import { AppShell } from '@/app/layout/app-shell';
import { SIGNED_IN_HINT_KEY } from '@/features/account/session';
import { PREFERENCES_STORAGE_KEY } from '@/features/preferences/preferences';
import { people, resetPeople, RESET_KEY, signInAs, VERIFY_KEY } from '@/testing/handlers-people';
import { renderWithProviders } from '@/testing/render';

beforeAll(async () => {
  await import('./account');
});

beforeEach(() => {
  resetPeople();
  document.cookie = 'csrftoken=csrf-from-cookie';
});

const fill = async (label: string | RegExp, value: string) => {
  await userEvent.type(screen.getByLabelText(label), value);
};

describe('sign up', () => {
  it('shows the server’s password refusal in words next to the password', async () => {
    renderWithProviders(<AppRoutes />, { path: '/account/signup' });
    await screen.findByRole('heading', { level: 1, name: 'Create an account' });
    await fill('Email address', 'new@example.org');
    await fill('Password', 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Create my account' }));
    expect(await screen.findByText('This password is too short: use at least 8 characters.')).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    // The CSRF cookie is echoed on the write.
    expect(people.csrfHeaders).toEqual(['csrf-from-cookie']);
  });

  it('gets a CSRF cookie first on a visit straight to the form', async () => {
    document.cookie = 'csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
    renderWithProviders(<AppRoutes />, { path: '/account/signup' });
    await screen.findByRole('heading', { level: 1, name: 'Create an account' });
    await fill('Email address', 'new@example.org');
    await fill('Password', 'a long enough password');
    await userEvent.click(screen.getByRole('button', { name: 'Create my account' }));
    expect(await screen.findByText(/we sent a link to new@example.org/)).toBeInTheDocument();
    expect(people.csrfHeaders).toEqual(['csrf-from-session']);
  });

  it('asks to open the emailed link, which confirms the address and signs in', async () => {
    renderWithProviders(<AppRoutes />, { path: '/account/signup' });
    await screen.findByRole('heading', { level: 1, name: 'Create an account' });
    await fill('Email address', 'new@example.org');
    await fill('Password', 'a long enough password');
    await userEvent.click(screen.getByRole('button', { name: 'Create my account' }));
    expect(await screen.findByText(/we sent a link to new@example.org/)).toBeInTheDocument();
    expect(people.user).toBeNull();
  });

  it('says the address is taken, in French too', async () => {
    people.accounts.push({ email: 'ada@example.org', password: 'x', verified: true });
    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify({ lang: 'fr' }));
    renderWithProviders(<AppRoutes />, { path: '/account/signup' });
    await screen.findByRole('heading', { level: 1, name: 'Créer un compte' });
    await fill('Adresse e-mail', 'ada@example.org');
    await fill('Mot de passe', 'a long enough password');
    await userEvent.click(screen.getByRole('button', { name: 'Créer mon compte' }));
    expect(await screen.findByText(/Un compte utilise déjà cette adresse e-mail/)).toBeInTheDocument();
  });
});

describe('verify email', () => {
  it('confirms the address from the link and signs the person in', async () => {
    people.accounts.push({ email: 'new@example.org', password: 'a long enough password', verified: false });
    people.pendingEmail = 'new@example.org';
    renderWithProviders(<AppRoutes />, { path: `/account/verify/${encodeURIComponent(VERIFY_KEY)}` });
    expect(await screen.findByText('Confirm new@example.org as the address of your account.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Confirm my address' }));
    expect(await screen.findByText(/Your address is confirmed and you are signed in/)).toBeInTheDocument();
    expect(people.user).toBe('new@example.org');
    expect(window.localStorage.getItem(SIGNED_IN_HINT_KEY)).toBe('1');
  });

  it('says when the link is invalid or expired', async () => {
    renderWithProviders(<AppRoutes />, { path: '/account/verify/wrong' });
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is invalid or has expired.');
  });
});

describe('sign in and out', () => {
  it('refuses a wrong password in words', async () => {
    people.accounts.push({ email: 'ada@example.org', password: 'correct horse battery', verified: true });
    renderWithProviders(<AppRoutes />, { path: '/account/signin' });
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    await fill('Email address', 'ada@example.org');
    await fill('Password', 'wrong password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('The email address or the password is not correct.')).toBeInTheDocument();
  });

  it('signs in, shows the account in the header, then signs out', async () => {
    people.accounts.push({ email: 'ada@example.org', password: 'correct horse battery', verified: true });
    const { location } = renderWithProviders(
      <AppShell>
        <AppRoutes />
      </AppShell>,
      { path: '/account/signin' },
    );
    expect(await screen.findByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/account/signin');
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    await fill('Email address', 'ada@example.org');
    await fill('Password', 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'My account' })).toBeInTheDocument();
    expect(location.history?.at(-1)).toBe('/account');
    expect(screen.getByText('Signed in as ada@example.org.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Account' })).toHaveAttribute('title', 'Your account (ada@example.org)');

    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByText(/You are signed out/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toBeInTheDocument();
    expect(window.localStorage.getItem(SIGNED_IN_HINT_KEY)).toBeNull();
  });
});

describe('my account', () => {
  beforeEach(() => {
    signInAs('ada@example.org', 'correct horse battery');
  });

  it('offers the data download as a file', async () => {
    renderWithProviders(<AppRoutes />, { path: '/account' });
    const link = await screen.findByRole('link', { name: 'Download my data' });
    expect(link).toHaveAttribute('href', 'http://api.test/api/v1/me/data/');
    expect(link).toHaveAttribute('download');
  });

  it('deletes the account only with the right password, after a clear warning', async () => {
    renderWithProviders(<AppRoutes />, { path: '/account' });
    expect(await screen.findByText(/It cannot be undone/)).toBeInTheDocument();
    const confirm = screen.getByLabelText('Your password, to confirm');
    await userEvent.type(confirm, 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Delete my account for good' }));
    expect(await screen.findByText('Wrong password.')).toBeInTheDocument();
    expect(people.accounts).toHaveLength(1);

    await userEvent.clear(confirm);
    await userEvent.type(confirm, 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Delete my account for good' }));
    expect(await screen.findByText('Your account and its data are deleted.')).toBeInTheDocument();
    expect(people.accounts).toHaveLength(0);
  });
});

describe('password reset', () => {
  it('sends a link without saying whether the address has an account', async () => {
    renderWithProviders(<AppRoutes />, { path: '/account/password' });
    await screen.findByLabelText('Email address');
    await fill('Email address', 'who@example.org');
    await userEvent.click(screen.getByRole('button', { name: 'Send me the link' }));
    expect(await screen.findByText(/If an account uses who@example.org/)).toBeInTheDocument();
  });

  it('sets a new password from the link, and explains a refused one', async () => {
    renderWithProviders(<AppRoutes />, { path: `/account/reset/${RESET_KEY}` });
    await screen.findByLabelText('New password');
    await fill('New password', 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Save the new password' }));
    expect(await screen.findByText('This password is too short: use at least 8 characters.')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('New password'), ' and now long');
    await userEvent.click(screen.getByRole('button', { name: 'Save the new password' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Your password is changed.'));
  });

  it('says when the reset link is no longer valid', async () => {
    renderWithProviders(<AppRoutes />, { path: '/account/reset/old-key' });
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is invalid or has expired.');
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/account/password');
  });
});
