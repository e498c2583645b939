import { useFavourites } from '@/features/favourites/favourites';
import { PlacesOverview, type IconOf } from '@/features/places/components/places-overview';
import { unitParams, usePreferences } from '@/features/preferences/preferences';
import { WeatherIcon } from '@/features/weather/components/weather-icon';
import { weatherIconName } from '@/features/weather/utils/weather-icon-name';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useDocumentTitle } from '@/lib/use-document-title';

const iconOf: IconOf = (code) => <WeatherIcon name={weatherIconName(code)} size={36} />;

/** Every favourite at a glance, in the reader's language and units. */
export default function PlacesRoute() {
  const { t, lang } = useI18n();
  const { favourites } = useFavourites();
  const view = { lang, ...unitParams(usePreferences().preferences) };
  const ids = favourites.flatMap((city) => (city.locationId === null ? [] : [city.locationId]));
  // Saved from free text, without a GeoNames id: the overview cannot ask for them.
  const unsaved = favourites.filter((city) => city.locationId === null).map((city) => city.name);
  useDocumentTitle(t('places.title'));
  return (
    <div className="page">
      <div className="page__header">
        <h1>{t('places.title')}</h1>
      </div>
      <PlacesOverview ids={ids} view={view} iconOf={iconOf} />
      {unsaved.length > 0 && <p className="muted">{t('places.unsaved', { cities: unsaved.join(', ') })}</p>}
    </div>
  );
}
