// Favourites and preferences follow the account: while someone is signed in, the account's
// copies are the source and every change is written back; signed out, nothing here runs and
// both features keep using localStorage alone. The work is in account-sync-engine.tsx, its own
// chunk, loaded only once someone is signed in.
import { lazy, Suspense } from 'react';
import { useSession } from '@/features/account/session';

const AccountSyncEngine = lazy(() => import('./account-sync-engine'));

export function AccountSync() {
  const { user } = useSession();
  if (!user) return null;
  return (
    <Suspense fallback={null}>
      <AccountSyncEngine key={user.email} email={user.email} />
    </Suspense>
  );
}
