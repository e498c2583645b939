import { useI18n } from '@/lib/i18n/use-i18n';
import type { MessageKey } from '@/lib/i18n/messages';
import { THRESHOLD_UNIT, type AlertKind } from '../api/alerts';
import { useThresholdUnits } from '../threshold-units';

const isKind = (kind: string): kind is AlertKind => kind in THRESHOLD_UNIT;

/** "Frost: minimum at or below −2 °C", in the reader's language, number format and units. */
export function useRuleWords() {
  const { t, locale } = useI18n();
  const units = useThresholdUnits();
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const threshold = (kind: AlertKind, value: number | null) =>
    value === null ? '' : `${number.format(units.show(kind, value))} ${units.symbol(kind) ?? ''}`.trim();
  return (kind: string, value: number | null): string =>
    isKind(kind) ? t(`alerts.rule.${kind}` as MessageKey, { threshold: threshold(kind, value) }) : kind;
}

export const placeName = (place: { name: string; admin1?: string | null; country?: string | null }) =>
  [place.name, place.admin1, place.country].filter(Boolean).join(', ');
