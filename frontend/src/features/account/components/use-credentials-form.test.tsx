import { act, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
// The words the account pages load with their chunk.
import '@/lib/i18n/messages-accounts-pages';
import { people, resetPeople } from '@/testing/handlers-people';
import { renderHookWithProviders } from '@/testing/render';
import { signIn, signUp } from '../api/allauth';
import { sessionQuery, takeSignInKind } from '../session';
import { useCredentialsForm } from './use-credentials-form';

beforeEach(() => {
  resetPeople();
  document.cookie = 'csrftoken=csrf-from-cookie';
});

describe('useCredentialsForm', () => {
  it('sends the trimmed address, takes on the session and goes on', async () => {
    people.accounts.push({ email: 'ada@example.org', password: 'correct horse battery', verified: true });
    const { result, location, queryClient } = renderHookWithProviders(
      () => useCredentialsForm(signIn, 'sign-in', '/alerts'),
      { path: '/account/signin' },
    );
    act(() => {
      result.current.setEmail('  ada@example.org ');
      result.current.setPassword('correct horse battery');
    });
    act(() => result.current.mutation.mutate());
    await waitFor(() => expect(location.history?.at(-1)).toBe('/alerts'));
    expect(people.user).toBe('ada@example.org');
    expect(queryClient.getQueryData(sessionQuery().queryKey)?.user?.email).toBe('ada@example.org');
    expect(takeSignInKind()).toBe('sign-in');
  });

  it('stays on the form while the answer holds no user (the address to confirm)', async () => {
    const { result, location } = renderHookWithProviders(() => useCredentialsForm(signUp, 'new-account', '/account'), {
      path: '/account/signup',
    });
    act(() => {
      result.current.setEmail('new@example.org');
      result.current.setPassword('a long enough password');
    });
    act(() => result.current.mutation.mutate());
    await waitFor(() => expect(result.current.mutation.isSuccess).toBe(true));
    expect(result.current.mutation.data?.user).toBeNull();
    expect(location.history).toEqual(['/account/signup']);
    expect(result.current.errors.general).toEqual([]);
  });

  it('puts a refusal into words next to its input', async () => {
    const { result } = renderHookWithProviders(() => useCredentialsForm(signUp, 'new-account', '/account'));
    act(() => {
      result.current.setEmail('new@example.org');
      result.current.setPassword('short');
    });
    act(() => result.current.mutation.mutate());
    await waitFor(() =>
      expect(result.current.errors.about('password')).toEqual([
        'This password is too short: use at least 8 characters.',
      ]),
    );
  });
});
