import { useI18n } from '@/lib/i18n/use-i18n';
import { sameCity, useFavourites, type FavouriteCity } from '../favourites';
import '../favourites.css';

/** A star button that adds the city to, or removes it from, the favourites. */
export function FavouriteToggle({ city }: { city: FavouriteCity }) {
  const { t } = useI18n();
  const { favourites, toggleFavourite } = useFavourites();
  const isFavourite = favourites.some((favourite) => sameCity(favourite, city));
  const label = t(isFavourite ? 'favourites.remove' : 'favourites.add', { city: city.name });

  return (
    <button
      type="button"
      className="icon-button favourite-toggle"
      aria-pressed={isFavourite}
      aria-label={label}
      title={label}
      onClick={() => toggleFavourite(city)}
    >
      <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          d="M12 2.8l2.8 5.9 6.4.8-4.7 4.4 1.2 6.4L12 17.2l-5.7 3.1 1.2-6.4-4.7-4.4 6.4-.8z"
          fill={isFavourite ? 'currentColor' : 'none'}
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinejoin="round"
        />
      </svg>
    </button>
  );
}
