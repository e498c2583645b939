import { useI18n } from '@/lib/i18n/use-i18n';
import { useHealth } from '../api/get-health';
import '../health.css';

/**
 * Warns that the forecasts are demo data when the API runs against its bundled fake. It floats
 * at the bottom: it appears once the health check answers, and must not push the page down.
 */
export function SampleDataBanner() {
  const { t } = useI18n();
  const { data } = useHealth();
  if (!data?.sample_data) return null;
  return (
    <p className="banner banner--info banner--floating" role="note" data-testid="sample-data-banner">
      {t('banner.sampleData')}
    </p>
  );
}
