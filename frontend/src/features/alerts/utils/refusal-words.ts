// The alerts API's refusals in the reader's language: each 400/409 names its problem with a
// stable `code` (and its numbers in `params`); an unknown code keeps the server's own words.
import type { ApiError } from '@/lib/api-client';
import { useI18n } from '@/lib/i18n/use-i18n';

/** Words a bound in the unit the reader sees (the API's bounds are °C, km/h or mm). */
export type ThresholdWords = (value: number, apiUnit: string, side: 'min' | 'max') => string;

const number = (value: unknown): number | null => (typeof value === 'number' ? value : null);

export function useRefusalWords(thresholdWords?: ThresholdWords) {
  const { t, locale } = useI18n();
  const plain: ThresholdWords = (value, apiUnit) =>
    `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} ${apiUnit}`;
  const words = thresholdWords ?? plain;
  /** The sentence for `error`, or null when its code is not one this page words itself. */
  return (error: ApiError): string | null => {
    const { params } = error;
    switch (error.code) {
      case 'threshold_out_of_range': {
        const min = number(params.min);
        const max = number(params.max);
        const unit = typeof params.unit === 'string' ? params.unit : '';
        if (min === null || max === null) return null;
        return t('alerts.refusal.thresholdRange', { min: words(min, unit, 'min'), max: words(max, unit, 'max') });
      }
      case 'too_many_subscriptions':
        return t('alerts.refusal.tooMany', { limit: String(number(params.limit) ?? '') });
      case 'unknown_place':
        return t('alerts.refusal.unknownPlace');
      case 'threshold_required':
        return t('alerts.refusal.thresholdRequired');
      case 'no_channel':
        return t('alerts.refusal.noChannel');
      default:
        return null;
    }
  };
}
