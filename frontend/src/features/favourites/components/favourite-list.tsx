import { CountryFlag } from '@/components/ui/country-flag';
import { Link } from 'wouter';
import { cityHref } from '@/lib/city-url';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useFavourites } from '../favourites';
import { RefreshFavourites } from './refresh-favourites';
import '../favourites.css';

export function FavouriteList() {
  const { t } = useI18n();
  const { favourites, toggleFavourite } = useFavourites();

  return (
    <section className="favourites" aria-labelledby="favourites-title">
      <h2 id="favourites-title" className="favourites__title">
        {t('favourites.title')}
      </h2>
      {favourites.length === 0 ? (
        <p className="muted">{t('favourites.empty')}</p>
      ) : (
        <ul className="chips">
          {favourites.map((city) => (
            <li key={`${city.locationId ?? ''}-${city.name}`} className="chip">
              <Link href={cityHref(city)} className="chip__link">
                <CountryFlag countryCode={city.countryCode} />
                {city.name}
                {city.country && <span className="chip__country">, {city.country}</span>}
              </Link>
              <button
                type="button"
                className="chip__remove"
                aria-label={t('favourites.remove', { city: city.name })}
                onClick={() => toggleFavourite(city)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {favourites.length > 0 && (
        <p className="favourites__overview">
          <Link href="/places">{t('places.link')}</Link>
        </p>
      )}
      <RefreshFavourites />
    </section>
  );
}
