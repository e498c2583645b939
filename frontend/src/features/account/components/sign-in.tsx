import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import { signIn } from '../api/allauth';
import { applySession } from '../session';
import { useAuthErrors } from './auth-errors';
import { AccountPage, Field, FormErrors } from './auth-form';

/** Email and password; a signed-in person lands on their account page (or `next`). */
export function SignIn({ next = '/account' }: { next?: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: () => signIn(email.trim(), password),
    onSuccess: (state) => {
      if (!state.user) return;
      applySession(queryClient, state, 'sign-in');
      navigate(next);
    },
  });
  const errors = useAuthErrors(mutation.error);
  const unverified = mutation.data?.pending === 'verify_email';
  useDocumentTitle(t('account.signIn.title'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };

  return (
    <AccountPage title={t('account.signIn.title')}>
      <form className="account-form" onSubmit={submit} noValidate>
        <FormErrors messages={unverified ? [t('account.signIn.unverified')] : errors.general} />
        <Field
          label={t('account.email')}
          type="email"
          name="email"
          autoComplete="email"
          value={email}
          onChange={setEmail}
          errors={errors.about('email')}
        />
        <Field
          label={t('account.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          errors={errors.about('password')}
        />
        <button type="submit" className="button button--primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('account.working') : t('account.signIn.submit')}
        </button>
      </form>
      <p>
        <Link href="/account/password">{t('account.signIn.forgot')}</Link>
      </p>
      <p>
        {t('account.signIn.noAccount')} <Link href="/account/signup">{t('account.signIn.createOne')}</Link>
      </p>
    </AccountPage>
  );
}
