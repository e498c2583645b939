// Thresholds in the reader's units: the API keeps them in °C, km/h and mm; the page shows and
// takes them in the units the reader chose (app/ provides them from the preferences).
import { createContext, useContext, type ReactNode } from 'react';
import {
  UNIT_SYMBOL,
  boundIn,
  fromMetric,
  toMetric,
  type ChosenUnits,
  type Quantity,
  type QuantityUnit,
} from '@/lib/units';
import type { AlertKind } from './api/alerts';

const METRIC: ChosenUnits = { temperature: 'celsius', wind: 'kmh', precipitation: 'mm' };
const UnitsContext = createContext<ChosenUnits>(METRIC);

export function ThresholdUnitsProvider({ units, children }: { units: ChosenUnits; children: ReactNode }) {
  return <UnitsContext.Provider value={units}>{children}</UnitsContext.Provider>;
}

const QUANTITY_OF_KIND: Record<AlertKind, Quantity | null> = {
  frost: 'temperature',
  heat: 'temperature',
  wind: 'wind',
  gusts: 'wind',
  rain_hour: 'precipitation',
  rain_day: 'precipitation',
  thunderstorm: null,
};

/** The quantity of an API unit the server names (in a refusal's bounds). */
const QUANTITY_OF_API_UNIT: Record<string, Quantity> = { '°C': 'temperature', 'km/h': 'wind', mm: 'precipitation' };

export function useThresholdUnits() {
  const units = useContext(UnitsContext);
  const unitOf = (kind: AlertKind): QuantityUnit | null => {
    const quantity = QUANTITY_OF_KIND[kind];
    return quantity ? units[quantity] : null;
  };
  return {
    /** The symbol the reader sees for this rule's threshold (null: none). */
    symbol: (kind: AlertKind): string | null => {
      const unit = unitOf(kind);
      return unit ? UNIT_SYMBOL[unit] : null;
    },
    /** An API threshold as the reader sees it. */
    show: (kind: AlertKind, metric: number): number => {
      const unit = unitOf(kind);
      return unit ? fromMetric(metric, unit) : metric;
    },
    /** A threshold the reader typed, as the API takes it. */
    send: (kind: AlertKind, typed: number): number => {
      const unit = unitOf(kind);
      return unit ? toMetric(typed, unit) : typed;
    },
    /** A bound in an API unit ('°C', 'km/h', 'mm') in the reader's unit: [value, symbol]. */
    boundFromApiUnit: (value: number, apiUnit: string, side: 'min' | 'max'): [number, string] => {
      const quantity = QUANTITY_OF_API_UNIT[apiUnit];
      if (!quantity) return [value, apiUnit];
      return [boundIn(value, units[quantity], side), UNIT_SYMBOL[units[quantity]]];
    },
  };
}
