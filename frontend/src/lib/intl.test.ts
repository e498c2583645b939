import { dateTimeFormat, numberFormat, pluralRules } from './intl';

describe('cached Intl formatters', () => {
  it('returns the same formatter for the same locale and options', () => {
    expect(numberFormat('fr-FR', { maximumFractionDigits: 1 })).toBe(
      numberFormat('fr-FR', { maximumFractionDigits: 1 }),
    );
    expect(dateTimeFormat('en-GB', { hour: 'numeric' })).toBe(dateTimeFormat('en-GB', { hour: 'numeric' }));
    expect(pluralRules('fr')).toBe(pluralRules('fr'));
  });

  it('keeps locales and options apart', () => {
    expect(numberFormat('fr-FR').format(1234.5)).toBe(new Intl.NumberFormat('fr-FR').format(1234.5));
    expect(numberFormat('en-GB').format(1234.5)).toBe('1,234.5');
    expect(numberFormat('en-GB', { maximumFractionDigits: 0 }).format(1234.5)).toBe('1,235');
    const date = new Date(Date.UTC(2026, 11, 7, 15, 5));
    expect(dateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(date)).toBe('15:05');
    expect(dateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(date)).toBe(
      '3:05 PM',
    );
  });
});
