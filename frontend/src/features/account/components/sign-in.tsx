import { Link } from 'wouter';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import { signIn } from '../api/allauth';
import { AccountForm, AccountPage, EmailField, PasswordField, SubmitButton } from './auth-form';
import { useCredentialsForm } from './use-credentials-form';

/** Email and password; a signed-in person lands on their account page (or `next`). */
export function SignIn({ next = '/account' }: { next?: string }) {
  const { t } = useI18n();
  const { email, setEmail, password, setPassword, mutation, errors } = useCredentialsForm(signIn, 'sign-in', next);
  const unverified = mutation.data?.pending === 'verify_email';
  useDocumentTitle(t('account.signIn.title'));

  return (
    <AccountPage title={t('account.signIn.title')}>
      <AccountForm
        onSubmit={() => mutation.mutate()}
        errors={unverified ? [t('account.signIn.unverified')] : errors.general}
      >
        <EmailField value={email} onChange={setEmail} errors={errors.about('email')} />
        <PasswordField value={password} onChange={setPassword} errors={errors.about('password')} />
        <SubmitButton pending={mutation.isPending} label={t('account.signIn.submit')} />
      </AccountForm>
      <p>
        <Link href="/account/password">{t('account.signIn.forgot')}</Link>
      </p>
      <p>
        {t('account.signIn.noAccount')} <Link href="/account/signup">{t('account.signIn.createOne')}</Link>
      </p>
    </AccountPage>
  );
}
