// What the sign-in and sign-up forms share: an email and a password sent to the account server,
// the session taken on once the answer holds a user, and the refusals put into words.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation } from 'wouter';
import type { AuthState } from '../api/allauth';
import { applySession, type SignInKind } from '../session';
import { useAuthErrors } from './auth-errors';

type Send = (email: string, password: string) => Promise<AuthState>;

/** The form's inputs and request; a signed-in answer goes to `destination`, any other stays. */
export function useCredentialsForm(send: Send, kind: SignInKind, destination: string) {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: () => send(email.trim(), password),
    onSuccess: (state) => {
      if (!state.user) return;
      applySession(queryClient, state, kind);
      navigate(destination);
    },
  });
  const errors = useAuthErrors(mutation.error);
  return { email, setEmail, password, setPassword, mutation, errors };
}
