import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CountryFlag } from './country-flag';

describe('CountryFlag', () => {
  it('shows the SVG flag for a two-letter code, in either case', () => {
    const { container } = render(
      <>
        <CountryFlag countryCode="FR" />
        <CountryFlag countryCode="us" />
      </>,
    );
    const images = [...container.querySelectorAll('img')];
    expect(images.map((img) => img.getAttribute('src'))).toEqual([
      expect.stringMatching(/\/FR\.svg/),
      expect.stringMatching(/\/US\.svg/),
    ]);
    // Decorative: the country's name is always written next to it.
    expect(images.every((img) => img.getAttribute('alt') === '')).toBe(true);
  });

  it('shows nothing for missing, malformed or unknown codes', () => {
    const { container } = render(
      <>
        <CountryFlag countryCode={null} />
        <CountryFlag countryCode="FRA" />
        <CountryFlag countryCode="QQ" />
      </>,
    );
    expect(container.querySelectorAll('img')).toHaveLength(0);
  });
});
