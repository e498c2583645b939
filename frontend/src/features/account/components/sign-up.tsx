import { Link } from 'wouter';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import { signUp } from '../api/allauth';
import { AccountForm, AccountPage, EmailField, PasswordField, SubmitButton } from './auth-form';
import { useCredentialsForm } from './use-credentials-form';

/** Email and password; the account starts once the emailed link is opened. */
export function SignUp() {
  const { t } = useI18n();
  const { email, setEmail, password, setPassword, mutation, errors } = useCredentialsForm(
    signUp,
    'new-account',
    '/account',
  );
  useDocumentTitle(t('account.signUp.title'));

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
      <AccountForm onSubmit={() => mutation.mutate()} errors={errors.general}>
        <EmailField value={email} onChange={setEmail} errors={errors.about('email')} />
        <PasswordField isNew value={password} onChange={setPassword} errors={errors.about('password')} />
        <SubmitButton pending={mutation.isPending} label={t('account.signUp.submit')} />
      </AccountForm>
      <p>
        {t('account.signUp.haveAccount')} <Link href="/account/signin">{t('account.signIn.title')}</Link>
      </p>
    </AccountPage>
  );
}
