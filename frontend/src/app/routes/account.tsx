// Every account page, one lazy chunk: sign up, sign in, the emailed links, my account.
import { useState } from 'react';
import { Route, Switch } from 'wouter';
import { LoadingRegion, Skeleton } from '@/components/ui/skeleton';
import { LeftNotice, MyAccount } from '@/features/account/components/my-account';
import { RequestPasswordReset, ResetPassword } from '@/features/account/components/password-reset';
import { SignIn } from '@/features/account/components/sign-in';
import { SignUp } from '@/features/account/components/sign-up';
import { VerifyEmail } from '@/features/account/components/verify-email';
import { useSession } from '@/features/account/session';
import { useI18n } from '@/lib/i18n/use-i18n';
import '@/lib/i18n/messages-accounts-pages';

/** The key as the server made it: the emailed link percent-encodes it (its `:` become %3A). */
function linkKey(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** /account: the signed-in person's page, or the sign-in form. */
function AccountHome() {
  const { t } = useI18n();
  const { user, isPending } = useSession({ always: true });
  const [left, setLeft] = useState<'signed-out' | 'deleted' | null>(null);
  if (isPending) {
    return (
      <LoadingRegion label={t('common.loading')}>
        <Skeleton width="14rem" height="2rem" />
      </LoadingRegion>
    );
  }
  if (user) return <MyAccount user={user} onLeave={setLeft} />;
  return (
    <>
      {left && <LeftNotice how={left} />}
      <SignIn />
    </>
  );
}

export default function AccountRoute() {
  return (
    <Switch>
      <Route path="/account" component={AccountHome} />
      <Route path="/account/signin" component={AccountHome} />
      <Route path="/account/signup" component={SignUp} />
      <Route path="/account/password" component={RequestPasswordReset} />
      <Route path="/account/verify/:key">{(params) => <VerifyEmail verificationKey={linkKey(params.key)} />}</Route>
      <Route path="/account/reset/:key">{(params) => <ResetPassword resetKey={linkKey(params.key)} />}</Route>
    </Switch>
  );
}
