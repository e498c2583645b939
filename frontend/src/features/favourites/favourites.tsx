// The reader's favourite cities, kept in localStorage.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type FavouriteCity = {
  /** GeoNames id; null when the city was saved from free text. */
  locationId: number | null;
  name: string;
  admin1: string | null;
  country: string | null;
  countryCode: string | null;
};

export const FAVOURITES_STORAGE_KEY = 'weather-app:favourites';

function isFavourite(value: unknown): value is FavouriteCity {
  if (typeof value !== 'object' || value === null) return false;
  const city = value as Partial<FavouriteCity>;
  return typeof city.name === 'string' && (city.locationId === null || typeof city.locationId === 'number');
}

/** Reads stored favourites, dropping malformed entries (older versions, hand edits). */
export function loadFavourites(storage: Storage = window.localStorage): FavouriteCity[] {
  try {
    const raw = storage.getItem(FAVOURITES_STORAGE_KEY);
    const stored: unknown = raw === null ? [] : JSON.parse(raw);
    return Array.isArray(stored) ? stored.filter(isFavourite) : [];
  } catch {
    // Private mode or corrupt JSON: no favourites.
    return [];
  }
}

function saveFavourites(favourites: FavouriteCity[]): void {
  try {
    window.localStorage.setItem(FAVOURITES_STORAGE_KEY, JSON.stringify(favourites));
  } catch {
    // Storage full or disabled: favourites then last for this visit only.
  }
}

export const sameCity = (a: FavouriteCity, b: FavouriteCity): boolean =>
  a.locationId !== null && b.locationId !== null
    ? a.locationId === b.locationId
    : a.name.toLowerCase() === b.name.toLowerCase() && a.country === b.country;

type FavouritesContextValue = {
  favourites: FavouriteCity[];
  toggleFavourite: (city: FavouriteCity) => void;
  /** Replaces the whole list (an account's, at sign-in). */
  replaceFavourites: (cities: FavouriteCity[]) => void;
};

const FavouritesContext = createContext<FavouritesContextValue | null>(null);

export function FavouritesProvider({ children }: { children: ReactNode }) {
  const [favourites, setFavourites] = useState<FavouriteCity[]>(() => loadFavourites());
  // Saved when they change, not at mount: the page's first render may come after the load
  // event, and writing back what it read would undo what another tab stored meanwhile.
  const [loaded] = useState(favourites);
  useEffect(() => {
    if (favourites !== loaded) saveFavourites(favourites);
  }, [favourites, loaded]);

  const toggleFavourite = useCallback((city: FavouriteCity) => {
    setFavourites((current) =>
      current.some((favourite) => sameCity(favourite, city))
        ? current.filter((favourite) => !sameCity(favourite, city))
        : [...current, city],
    );
  }, []);

  const value = useMemo(
    () => ({ favourites, toggleFavourite, replaceFavourites: setFavourites }),
    [favourites, toggleFavourite],
  );
  return <FavouritesContext.Provider value={value}>{children}</FavouritesContext.Provider>;
}

export function useFavourites(): FavouritesContextValue {
  const context = useContext(FavouritesContext);
  if (!context) throw new Error('useFavourites must be used inside <FavouritesProvider>');
  return context;
}
