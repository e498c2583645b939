import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import { signUp } from '../api/allauth';
import { applySession } from '../session';
import { useAuthErrors } from './auth-errors';
import { AccountPage, Field, FormErrors } from './auth-form';

/** Email and password; the account starts once the emailed link is opened. */
export function SignUp() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: () => signUp(email.trim(), password),
    onSuccess: (state) => {
      if (!state.user) return;
      applySession(queryClient, state, 'new-account');
      navigate('/account');
    },
  });
  const errors = useAuthErrors(mutation.error);
  useDocumentTitle(t('account.signUp.title'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };

  if (mutation.data && !mutation.data.user) {
    return (
      <AccountPage title={t('account.signUp.title')}>
        <p className="notice notice--info" role="status">
          {t('account.signUp.checkInbox', { email: email.trim() })}
        </p>
      </AccountPage>
    );
  }
  return (
    <AccountPage title={t('account.signUp.title')}>
      <p>{t('account.signUp.intro')}</p>
      <form className="account-form" onSubmit={submit} noValidate>
        <FormErrors messages={errors.general} />
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
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          errors={errors.about('password')}
          hint={t('account.passwordHint')}
        />
        <button type="submit" className="button button--primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('account.working') : t('account.signUp.submit')}
        </button>
      </form>
      <p>
        {t('account.signUp.haveAccount')} <Link href="/account/signin">{t('account.signIn.title')}</Link>
      </p>
    </AccountPage>
  );
}
