import { Card } from '@/components/ui/card';
import { useI18n } from '@/lib/i18n/use-i18n';
import { numberFormat } from '@/lib/intl';
import type { UvBand, WeatherBody } from '@/types/more-weather';
import '../weather.css';

type UvCardProps = { current: WeatherBody['current']; daily: WeatherBody['daily']; today: string | null };

/** An index with its band (the server's WHO bands) in words, or "not available", never 0. */
function UvValue({ index, band }: { index: number | null | undefined; band: UvBand | null }) {
  const { t, locale } = useI18n();
  if (index === null || index === undefined || band === null) return <>{t('more.notAvailable')}</>;
  return (
    <>
      {numberFormat(locale).format(Math.round(index))} ({t(`uv.level.${band}`)})
    </>
  );
}

/** The UV index now and today's maximum, with what to do about it in words. */
export function UvCard({ current, daily, today }: UvCardProps) {
  const { t } = useI18n();
  const todayRow = daily.find((day) => day.date === today) ?? daily[0];
  // Advice for the worst of the day: at 9:00 the midday sun is what to prepare for.
  const adviceBand = todayRow?.uv_band ?? current.uv_band;
  return (
    <Card title={t('uv.title')} className="uv">
      <dl className="facts">
        <div className="facts__item">
          <dt>{t('uv.now')}</dt>
          <dd data-testid="uv-now">
            <UvValue index={current.uv_index} band={current.uv_band} />
          </dd>
        </div>
        <div className="facts__item">
          <dt>{t('uv.todayMax')}</dt>
          <dd data-testid="uv-max">
            <UvValue index={todayRow?.uv_index_max} band={todayRow?.uv_band ?? null} />
          </dd>
        </div>
      </dl>
      {adviceBand && (
        <p className="uv__advice" data-testid="uv-advice">
          {t(`uv.advice.${adviceBand}`)}
        </p>
      )}
    </Card>
  );
}
