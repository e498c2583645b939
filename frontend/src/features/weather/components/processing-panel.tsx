import { Card } from '@/components/ui/card';
import { useI18n } from '@/lib/i18n/use-i18n';
import { type UnitLabels, useFormatters } from '@/lib/use-formatters';
import type { Processing, ProcessingResult } from '@/types/api';
import '../weather.css';

// The server presents the result in the search's units and language (values converted,
// alert messages worded): it is labelled with the search's own units, never converted here.
function AnalysisResult({ result, units }: { result: ProcessingResult; units: UnitLabels }) {
  const { t, tp } = useI18n();
  const format = useFormatters(units);
  const { analysis, statistics, notifications } = result;
  const trend = analysis.trend;

  return (
    <div data-testid="analysis-result">
      <dl className="facts facts--analysis">
        {analysis.comfort && (
          <div className="facts__item">
            <dt>{t('processing.comfort')}</dt>
            <dd>
              <span className={`badge badge--${analysis.comfort}`}>{t(`comfort.${analysis.comfort}`)}</span>
            </dd>
          </div>
        )}
        <div className="facts__item">
          <dt>{t('processing.flags')}</dt>
          <dd>
            {analysis.flags.length === 0 ? (
              t('processing.noFlags')
            ) : (
              <ul className="flags">
                {analysis.flags.map((flag) => (
                  <li key={flag} className="badge badge--flag">
                    {t(`flag.${flag}`)}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        {trend && (
          <div className="facts__item">
            <dt>{t('processing.trend')}</dt>
            <dd>
              {trend.direction === 'steady'
                ? t('trend.steady')
                : t(`trend.${trend.direction}`, {
                    delta: trend.delta === null ? '' : format.temperatureDelta(trend.delta),
                  })}
            </dd>
          </div>
        )}
        {analysis.compared_to_today && (
          <div className="facts__item">
            <dt>{t('processing.comparedToToday')}</dt>
            <dd>{t(`today.${analysis.compared_to_today}`)}</dd>
          </div>
        )}
        {analysis.compared_to_history && (
          <div className="facts__item">
            <dt>{t('processing.comparedToHistory')}</dt>
            <dd>{t(`past.${analysis.compared_to_history}`)}</dd>
          </div>
        )}
      </dl>
      <p className="muted">
        {tp('processing.searchCount', statistics.search_count)}.{' '}
        {statistics.temperature_avg !== null &&
          t('processing.statistics', {
            min: format.temperature(statistics.temperature_min),
            avg: format.temperature(statistics.temperature_avg),
            max: format.temperature(statistics.temperature_max),
          })}
      </p>
      {notifications.length > 0 && (
        <>
          <h3 className="card__subtitle">{t('processing.notifications')}</h3>
          <ul className="notifications">
            {notifications.map((notification, index) => (
              <li
                key={`${notification.kind}-${index}`}
                className={`notification notification--${notification.severity}`}
              >
                {notification.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

type ProcessingPanelProps = {
  processing: Processing;
  /** The unit labels of the search this processing belongs to. */
  units: UnitLabels;
  /** Still pending after every poll we make: tell the reader to come back later. */
  gaveUp: boolean;
};

/** Shows "analysis running" until the worker has processed the search, then its outcome. */
export function ProcessingPanel({ processing, units, gaveUp }: ProcessingPanelProps) {
  const { t } = useI18n();

  return (
    <Card title={t('processing.title')}>
      <div role="status" aria-live="polite">
        {processing.status === 'pending' && !gaveUp && (
          <p className="processing" data-testid="analysis-running">
            <span className="spinner" aria-hidden="true" /> {t('processing.running')}
          </p>
        )}
        {gaveUp && <p>{t('processing.slow')}</p>}
        {processing.status === 'failed' && <p data-testid="analysis-failed">{t('processing.failed')}</p>}
        {processing.status === 'processed' && processing.result && (
          <AnalysisResult result={processing.result} units={units} />
        )}
      </div>
    </Card>
  );
}
