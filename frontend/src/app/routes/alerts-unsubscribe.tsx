import { useSearch } from 'wouter';
import { UnsubscribePage } from '@/features/alerts/components/unsubscribe-page';
import { ThresholdUnitsProvider } from '@/features/alerts/threshold-units';
import { usePreferences } from '@/features/preferences/preferences';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import '@/lib/i18n/messages-alerts-pages';

/** `/alerts/unsubscribe?token=…`: the visible link of an alert email; no sign-in needed. */
export default function AlertsUnsubscribeRoute() {
  const { t } = useI18n();
  useDocumentTitle(t('alerts.unsubscribe.title'));
  const { preferences } = usePreferences();
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const units = {
    temperature: preferences.temperatureUnit,
    wind: preferences.windUnit,
    precipitation: preferences.precipitationUnit,
  };
  return (
    <ThresholdUnitsProvider units={units}>
      <UnsubscribePage token={token} />
    </ThresholdUnitsProvider>
  );
}
