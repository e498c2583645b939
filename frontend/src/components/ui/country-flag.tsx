// SVG flags from country-flag-icons: flag emoji show as two letters or boxes on many
// desktops (Windows has no flag glyphs). Each flag is its own small file, fetched only when
// shown, so the bundle carries just the code → URL table.
import './country-flag.css';

const FLAG_URLS = import.meta.glob<string>('/node_modules/country-flag-icons/3x2/*.svg', {
  eager: true,
  query: '?no-inline',
  import: 'default',
});

function flagUrl(countryCode: string | null | undefined): string | null {
  if (!countryCode || !/^[a-z]{2}$/i.test(countryCode)) return null;
  return FLAG_URLS[`/node_modules/country-flag-icons/3x2/${countryCode.toUpperCase()}.svg`] ?? null;
}

/** The country's flag beside its name; decorative, since the name is always written out. */
export function CountryFlag({ countryCode }: { countryCode: string | null | undefined }) {
  const src = flagUrl(countryCode);
  if (!src) return null;
  return <img className="flag" src={src} alt="" width={18} height={12} loading="lazy" decoding="async" />;
}
