import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import { getEmailVerification, verifyEmail } from '../api/allauth';
import { applySession } from '../session';
import { AccountPage, LinkDone } from './auth-form';

/** The page the emailed link opens: shows the address, confirms it on a click. */
export function VerifyEmail({ verificationKey }: { verificationKey: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const check = useQuery({
    queryKey: ['account', 'verification', verificationKey],
    queryFn: () => getEmailVerification(verificationKey),
    retry: false,
    staleTime: Infinity,
  });
  const mutation = useMutation({
    mutationFn: () => verifyEmail(verificationKey),
    onSuccess: (state) => {
      if (state.user) applySession(queryClient, state, 'new-account');
    },
  });
  useDocumentTitle(t('account.verify.title'));

  let body;
  if (mutation.data) {
    body = (
      <LinkDone
        signedIn={Boolean(mutation.data.user)}
        doneText={t('account.verify.doneSignedIn')}
        signInText={t('account.verify.done')}
      />
    );
  } else if (check.isError || mutation.isError) {
    body = (
      <p className="notice notice--error" role="alert">
        {t('account.verify.invalid')} <Link href="/account/signin">{t('account.signIn.title')}</Link>
      </p>
    );
  } else if (check.isPending) {
    body = <p role="status">{t('account.verify.checking')}</p>;
  } else {
    body = (
      <>
        <p>{t('account.verify.confirmEmail', { email: check.data ?? '' })}</p>
        <button
          type="button"
          className="button button--primary"
          disabled={mutation.isPending}
          onClick={() => mutation.mutate()}
        >
          {mutation.isPending ? t('account.working') : t('account.verify.submit')}
        </button>
      </>
    );
  }
  return <AccountPage title={t('account.verify.title')}>{body}</AccountPage>;
}
