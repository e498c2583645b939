import { Card } from '@/components/ui/card';
import { useI18n } from '@/lib/i18n/use-i18n';
import type { WeatherBody } from '@/types/more-weather';
import { uvLevel } from '../utils/uv';
import '../weather.css';

type UvCardProps = { current: WeatherBody['current']; daily: WeatherBody['daily']; today: string | null };

function UvValue({ index }: { index: number | null | undefined }) {
  const { t, locale } = useI18n();
  const level = uvLevel(index);
  if (level === null || index === null || index === undefined) return <>{t('more.notAvailable')}</>;
  return (
    <>
      {new Intl.NumberFormat(locale).format(Math.round(index))} ({t(`uv.level.${level}`)})
    </>
  );
}

/** The UV index now and today's maximum, with what to do about it in words. */
export function UvCard({ current, daily, today }: UvCardProps) {
  const { t } = useI18n();
  const todayRow = daily.find((day) => day.date === today) ?? daily[0];
  const max = todayRow?.uv_index_max;
  // Advice for the worst of the day: at 9:00 the midday sun is what to prepare for.
  const adviceLevel = uvLevel(max) ?? uvLevel(current.uv_index);
  return (
    <Card title={t('uv.title')} className="uv">
      <dl className="facts">
        <div className="facts__item">
          <dt>{t('uv.now')}</dt>
          <dd data-testid="uv-now">
            <UvValue index={current.uv_index} />
          </dd>
        </div>
        <div className="facts__item">
          <dt>{t('uv.todayMax')}</dt>
          <dd data-testid="uv-max">
            <UvValue index={max} />
          </dd>
        </div>
      </dl>
      {adviceLevel && (
        <p className="uv__advice" data-testid="uv-advice">
          {t(`uv.advice.${adviceLevel}`)}
        </p>
      )}
    </Card>
  );
}
