import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import { AuthError, checkPasswordResetKey, requestPasswordReset, resetPassword } from '../api/allauth';
import { applySession } from '../session';
import { useAuthErrors } from './auth-errors';
import { AccountForm, AccountPage, EmailField, LinkDone, PasswordField, SubmitButton } from './auth-form';

/** Asks for a reset link; the answer never says whether an account uses the address. */
export function RequestPasswordReset() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const mutation = useMutation({ mutationFn: () => requestPasswordReset(email.trim()) });
  const errors = useAuthErrors(mutation.error);
  useDocumentTitle(t('account.reset.requestTitle'));

  if (mutation.isSuccess) {
    return (
      <AccountPage title={t('account.reset.requestTitle')}>
        <p className="notice notice--info" role="status">
          {t('account.reset.requestSent', { email: email.trim() })}
        </p>
      </AccountPage>
    );
  }
  return (
    <AccountPage title={t('account.reset.requestTitle')}>
      <p>{t('account.reset.requestIntro')}</p>
      <AccountForm onSubmit={() => mutation.mutate()} errors={errors.general}>
        <EmailField value={email} onChange={setEmail} errors={errors.about('email')} />
        <SubmitButton pending={mutation.isPending} label={t('account.reset.requestSubmit')} />
      </AccountForm>
    </AccountPage>
  );
}

function InvalidResetLink() {
  const { t } = useI18n();
  return (
    <p className="notice notice--error" role="alert">
      {t('account.reset.invalid')} <Link href="/account/password">{t('account.reset.again')}</Link>
    </p>
  );
}

/** The page the emailed reset link opens: a new password for the key's account. */
export function ResetPassword({ resetKey }: { resetKey: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const check = useQuery({
    queryKey: ['account', 'reset', resetKey],
    queryFn: () => checkPasswordResetKey(resetKey).then(() => true),
    retry: false,
    staleTime: Infinity,
  });
  const mutation = useMutation({
    mutationFn: () => resetPassword(resetKey, password),
    onSuccess: (state) => {
      if (state.user) applySession(queryClient, state, 'sign-in');
    },
  });
  const errors = useAuthErrors(mutation.error);
  useDocumentTitle(t('account.reset.title'));

  const keyRefused = mutation.error instanceof AuthError && mutation.error.about('key').length > 0;
  let body;
  if (mutation.data) {
    body = (
      <LinkDone
        signedIn={Boolean(mutation.data.user)}
        doneText={t('account.reset.done')}
        signInText={t('account.reset.doneSignIn')}
      />
    );
  } else if (check.isError || keyRefused) {
    body = <InvalidResetLink />;
  } else if (check.isPending) {
    body = <p role="status">{t('account.verify.checking')}</p>;
  } else {
    body = (
      <AccountForm onSubmit={() => mutation.mutate()} errors={errors.general}>
        <PasswordField
          isNew
          label={t('account.newPassword')}
          value={password}
          onChange={setPassword}
          errors={errors.about('password')}
        />
        <SubmitButton pending={mutation.isPending} label={t('account.reset.submit')} />
      </AccountForm>
    );
  }
  return <AccountPage title={t('account.reset.title')}>{body}</AccountPage>;
}
