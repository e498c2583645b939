import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiError } from '@/lib/api-client';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import { signOut, type AuthUser } from '../api/allauth';
import { deleteAccount, myDataUrl } from '../api/me';
import { applySession } from '../session';
import { useAuthErrors } from './auth-errors';
import { AccountForm, AccountPage, FormErrors, PasswordField, SubmitButton } from './auth-form';

const SIGNED_OUT = { user: null, pending: null };

function DeleteAccount({ onDeleted }: { onDeleted: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: () => deleteAccount(password),
    onSuccess: () => {
      onDeleted();
      applySession(queryClient, SIGNED_OUT);
    },
  });
  const refused = mutation.error instanceof ApiError && mutation.error.status < 500;
  const passwordErrors = refused
    ? [(mutation.error as ApiError).fields.password?.[0] ?? t('account.me.wrongPassword')]
    : [];
  const general = useAuthErrors(refused ? null : mutation.error).general;

  return (
    <section className="card account-danger" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">
        {t('account.me.deleteTitle')}
      </h2>
      <p className="notice notice--warning">{t('account.me.deleteWarning')}</p>
      <AccountForm onSubmit={() => mutation.mutate()} errors={general}>
        <PasswordField
          label={t('account.me.deleteConfirm')}
          value={password}
          onChange={setPassword}
          errors={passwordErrors}
        />
        <SubmitButton danger pending={mutation.isPending} disabled={!password} label={t('account.me.deleteSubmit')} />
      </AccountForm>
    </section>
  );
}

/** The signed-in person's page: who they are, sign out, their data, deleting the account. */
export function MyAccount({ user, onLeave }: { user: AuthUser; onLeave: (how: 'signed-out' | 'deleted') => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dataId = useId();
  const signOutMutation = useMutation({
    mutationFn: signOut,
    onSuccess: (state) => {
      onLeave('signed-out');
      applySession(queryClient, state);
    },
  });
  const signOutErrors = useAuthErrors(signOutMutation.error).general;
  useDocumentTitle(t('account.me.title'));

  return (
    <AccountPage title={t('account.me.title')}>
      <div className="card">
        <p>{t('account.me.signedInAs', { email: user.email })}</p>
        <p className="muted">{t('account.me.follows')}</p>
        <FormErrors messages={signOutErrors} />
        <button
          type="button"
          className="button"
          disabled={signOutMutation.isPending}
          onClick={() => signOutMutation.mutate()}
        >
          {t('account.me.signOut')}
        </button>
      </div>
      <section className="card" aria-labelledby={dataId}>
        <h2 id={dataId} className="card__title">
          {t('account.me.dataTitle')}
        </h2>
        <p>{t('account.me.dataIntro')}</p>
        <a className="button" href={myDataUrl()} download>
          {t('account.me.download')}
        </a>
      </section>
      <DeleteAccount onDeleted={() => onLeave('deleted')} />
    </AccountPage>
  );
}

/** After signing out or deleting the account, said once on the page that stays. */
export function LeftNotice({ how }: { how: 'signed-out' | 'deleted' }) {
  const { t } = useI18n();
  return (
    <p className="notice notice--info" role="status">
      {t(how === 'deleted' ? 'account.me.deleted' : 'account.me.signedOut')}
    </p>
  );
}
