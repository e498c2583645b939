// SVG flags from country-flag-icons: flag emoji show as two letters or boxes on many
// desktops (Windows has no flag glyphs). Each flag is its own small file in one folder
// (vite-country-flags.ts), fetched only when shown; the bundle carries just the codes.
import { FLAG_CODES, FLAG_FOLDER } from 'virtual:country-flags';
import './country-flag.css';

const CODES = new Set(FLAG_CODES.split(' '));

function flagUrl(countryCode: string | null | undefined): string | null {
  const code = countryCode?.toUpperCase();
  return code && CODES.has(code) ? `${FLAG_FOLDER}${code}.svg` : null;
}

/** The country's flag beside its name; decorative, since the name is always written out. */
export function CountryFlag({ countryCode }: { countryCode: string | null | undefined }) {
  const src = flagUrl(countryCode);
  if (!src) return null;
  return <img className="flag" src={src} alt="" width={18} height={12} loading="lazy" decoding="async" />;
}
