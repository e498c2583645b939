import { useI18n } from '@/lib/i18n/use-i18n';
import { useOnlineStatus } from '@/lib/use-online-status';

export function OfflineBanner() {
  const { t } = useI18n();
  const online = useOnlineStatus();
  if (online) return null;
  return (
    <p className="banner banner--warning" role="status" data-testid="offline-banner">
      {t('banner.offline')}
    </p>
  );
}
