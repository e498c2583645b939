// Which air quality index a place is shown with. The bands (key, colour) come from the API.
export type AqiScale = 'european' | 'us';

/**
 * The index people around the place know: the European AQI in Europe, the US AQI elsewhere.
 * We decide by the place's IANA time zone ("Europe/..."): every place carries one, it needs
 * no country list to keep up to date, and it follows the continent (Istanbul and Moscow are
 * "Europe/"; the Canaries, "Atlantic/Canary", get the US scale, which changes only the
 * index's name and cut-offs, not the pollutant values shown). The place's region rather
 * than the browser's: a reader checking a city abroad compares it with that city's news.
 */
export function aqiScaleFor(timezone: string | null | undefined): AqiScale {
  return timezone?.startsWith('Europe/') ? 'european' : 'us';
}
