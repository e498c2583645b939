import { Link } from 'wouter';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useSession } from '../session';

/** The header's small account entry: "Sign in", or "Account" once signed in. */
export function AccountLink({ current }: { current: boolean }) {
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <Link
      href={user ? '/account' : '/account/signin'}
      aria-current={current ? 'page' : undefined}
      title={user ? t('account.nav.accountOf', { email: user.email }) : undefined}
    >
      {t(user ? 'account.nav.account' : 'account.nav.signIn')}
    </Link>
  );
}
