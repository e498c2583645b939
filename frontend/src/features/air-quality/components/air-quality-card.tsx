import { Card } from '@/components/ui/card';
import { LoadingRegion, Skeleton } from '@/components/ui/skeleton';
import type { MessageKey } from '@/lib/i18n/messages';
import { useI18n } from '@/lib/i18n/use-i18n';
import { numberFormat } from '@/lib/intl';
import { POLLEN_KINDS, type AirQuality, type PollenReading } from '@/types/more-weather';
import { useAirQuality } from '../api/get-air-quality';
import { aqiScaleFor } from '../utils/aqi';
import '../air-quality.css';

type Place = { latitude: number; longitude: number; timezone: string };

const POLLUTANTS = [
  { key: 'pm2_5', label: 'air.pm2_5' },
  { key: 'pm10', label: 'air.pm10' },
  { key: 'nitrogen_dioxide', label: 'air.no2' },
  { key: 'ozone', label: 'air.o3' },
] as const;

/** A value with its unit, or the words "not available": a missing value is never a zero. */
function useMeasure() {
  const { t, locale } = useI18n();
  return (value: number | null | undefined, unit: string) =>
    value === null || value === undefined || !Number.isFinite(value)
      ? t('more.notAvailable')
      : `${numberFormat(locale, { maximumFractionDigits: 0 }).format(value)} ${unit}`;
}

function AqiSummary({ air, timezone }: { air: AirQuality; timezone: string }) {
  const { t, locale } = useI18n();
  const scale = aqiScaleFor(timezone);
  const value = scale === 'european' ? air.european_aqi : air.us_aqi;
  const band = scale === 'european' ? air.bands.european_aqi : air.bands.us_aqi;
  return (
    <p className="aqi" data-testid="aqi">
      <span className="aqi__name">{t(scale === 'european' ? 'air.european' : 'air.us')}</span>
      {band && value !== null ? (
        <span className="aqi__value">
          {/* The colour repeats the words next to it; it never carries the meaning alone. */}
          <span className="aqi__swatch" style={{ background: band.colour }} aria-hidden="true" />
          <strong>{numberFormat(locale).format(Math.round(value))}</strong>
          <span data-testid="aqi-band">{t(`air.band.${scale}.${band.key}` as MessageKey)}</span>
        </span>
      ) : (
        <span className="aqi__value">{t('more.notAvailable')}</span>
      )}
    </p>
  );
}

function PollenValue({ reading, unit }: { reading: PollenReading | undefined; unit: string }) {
  const { t } = useI18n();
  const measure = useMeasure();
  if (!reading || reading.value === null) return <>{t('more.notAvailable')}</>;
  const level = reading.level ? ` (${t(`pollen.level.${reading.level}`)})` : '';
  return <>{`${measure(reading.value, unit)}${level}`}</>;
}

function Pollen({ air }: { air: AirQuality }) {
  const { t } = useI18n();
  const pollen = air.pollen_available ? air.pollen : null;
  return (
    <div className="pollen" data-testid="pollen">
      <h3 className="pollen__title">{t('pollen.title')}</h3>
      {pollen ? (
        <dl className="facts">
          {POLLEN_KINDS.map((kind) => (
            <div key={kind} className="facts__item">
              <dt>{t(`pollen.${kind}`)}</dt>
              <dd>
                <PollenValue reading={pollen[kind]} unit={air.units.pollen} />
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">{t('pollen.none')}</p>
      )}
    </div>
  );
}

/** The air at a place: its own request, sent once the weather is shown. */
export function AirQualityCard({ place }: { place: Place }) {
  const { t } = useI18n();
  const measure = useMeasure();
  const { data, error, isPending, refetch } = useAirQuality(place.latitude, place.longitude);

  return (
    <Card title={t('air.title')} className="air-quality">
      {isPending ? (
        <LoadingRegion label={t('common.loading')}>
          <Skeleton height="12rem" />
        </LoadingRegion>
      ) : error ? (
        <p role="status">
          {t('air.error')}{' '}
          <button type="button" className="button" onClick={() => void refetch()}>
            {t('air.retry')}
          </button>
        </p>
      ) : (
        <>
          <AqiSummary air={data} timezone={place.timezone} />
          <dl className="facts">
            {POLLUTANTS.map(({ key, label }) => (
              <div key={key} className="facts__item">
                <dt>{t(label)}</dt>
                <dd>{measure(data[key], data.units[key])}</dd>
              </div>
            ))}
          </dl>
          <Pollen air={data} />
        </>
      )}
    </Card>
  );
}
