import { useId } from 'react';
import { useLocation, useSearch } from 'wouter';
import { STATS_PERIODS, type StatsPeriod } from '@/features/stats/api/get-stats';
import { unitSystemOf, usePreferences } from '@/features/preferences/preferences';
import { StatsOverview } from '@/features/stats/components/stats-overview';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useDocumentTitle } from '@/lib/use-document-title';

const DEFAULT_PERIOD: StatsPeriod = 30;

export default function StatsRoute() {
  const { t } = useI18n();
  const units = unitSystemOf(usePreferences().preferences);
  const id = useId();
  const [, navigate] = useLocation();
  const requested = Number(new URLSearchParams(useSearch()).get('days'));
  const days = (STATS_PERIODS as readonly number[]).includes(requested) ? (requested as StatsPeriod) : DEFAULT_PERIOD;
  useDocumentTitle(t('stats.title'));

  return (
    <div className="page">
      <div className="page__header">
        <h1>{t('stats.title')}</h1>
        <label htmlFor={id} className="inline-field">
          {t('stats.period')}
          <select id={id} value={days} onChange={(event) => navigate(`/stats?days=${event.target.value}`)}>
            {STATS_PERIODS.map((period) => (
              <option key={period} value={period}>
                {t('stats.days', { count: period })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <StatsOverview days={days} units={units} />
    </div>
  );
}
