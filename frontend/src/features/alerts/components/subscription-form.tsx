import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '@/lib/api-client';
import { useI18n } from '@/lib/i18n/use-i18n';
import {
  DEFAULT_THRESHOLD,
  createSubscription,
  subscriptionsQuery,
  updateSubscription,
  type AlertKind,
  type Subscription,
} from '../api/alerts';
import { useThresholdUnits } from '../threshold-units';
import { useRefusalWords } from '../utils/refusal-words';
import { RuleFields, type Draft } from './rule-fields';

/** The place the picker chose (a GeoNames id and words to show). */
export type PickedPlace = { id: number; label: string };

/** Renders a place search that calls `onPick`; app/ gives the city search here. */
export type PlacePicker = (onPick: (place: PickedPlace) => void) => ReactNode;

type Units = ReturnType<typeof useThresholdUnits>;

/** A threshold in the API's unit as the reader types it (empty: none). */
const typed = (units: Units, kind: AlertKind, metric: number | null) =>
  metric === null ? '' : String(units.show(kind, metric));

const draftOf = (units: Units, subscription?: Subscription): Draft => ({
  kind: subscription?.kind ?? 'frost',
  threshold: subscription
    ? typed(units, subscription.kind, subscription.threshold)
    : typed(units, 'frost', DEFAULT_THRESHOLD.frost),
  horizon_hours: subscription?.horizon_hours ?? 24,
  email: subscription?.email ?? true,
  push: subscription?.push ?? false,
  active: subscription?.active ?? true,
});

/** The server's refusal, by field and in general; `worded` is the page's own sentence for it. */
function refusal(error: unknown, worded: string | null): { fields: Record<string, string[]>; general: string | null } {
  if (!(error instanceof ApiError)) return { fields: {}, general: error ? String((error as Error).message) : null };
  const fields = worded ? Object.fromEntries(Object.keys(error.fields).map((key) => [key, [worded]])) : error.fields;
  const fieldless = Object.keys(fields).filter((key) => !['threshold', 'kind', 'horizon_hours'].includes(key));
  const general = fieldless.length
    ? fieldless.map((key) => fields[key]!.join(' ')).join(' ')
    : (worded ?? error.message);
  return { fields, general: Object.keys(fields).length && !fieldless.length ? null : general };
}

type FormProps = {
  /** Editing this subscription; adding a new one without it. */
  subscription?: Subscription;
  placePicker?: PlacePicker;
  onDone: (message: string) => void;
  onCancel?: () => void;
};

export function SubscriptionForm({ subscription, placePicker, onDone, onCancel }: FormProps) {
  const { t, locale } = useI18n();
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const id = useId();
  const queryClient = useQueryClient();
  const units = useThresholdUnits();
  const [draft, setDraft] = useState<Draft>(() => draftOf(units, subscription));
  const [place, setPlace] = useState<PickedPlace | null>(null);
  const [placeMissing, setPlaceMissing] = useState(false);
  const unit = units.symbol(draft.kind);

  const mutation = useMutation({
    mutationFn: () => {
      // An unchanged threshold is sent as stored (no rounding drift through the reader's unit).
      const unchanged =
        subscription?.kind === draft.kind &&
        draft.threshold === typed(units, subscription.kind, subscription.threshold);
      const threshold =
        unit === null ? null : unchanged ? subscription.threshold : units.send(draft.kind, Number(draft.threshold));
      const body = { ...draft, threshold };
      return subscription
        ? updateSubscription(subscription.id, body)
        : createSubscription({ ...body, location_id: place!.id });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: subscriptionsQuery().queryKey });
      if (!subscription) {
        setPlace(null);
        setDraft(draftOf(units));
      }
      onDone(t('alerts.form.saved'));
    },
  });
  const refusalWords = useRefusalWords((value, apiUnit, side) => {
    const [shown, symbol] = units.boundFromApiUnit(value, apiUnit, side);
    return `${number.format(shown)} ${symbol}`;
  });
  const errors = refusal(mutation.error, mutation.error instanceof ApiError ? refusalWords(mutation.error) : null);

  const change = (changes: Partial<Draft>) => setDraft((current) => ({ ...current, ...changes }));
  const changeKind = (kind: AlertKind) =>
    change({ kind, threshold: kind === draft.kind ? draft.threshold : typed(units, kind, DEFAULT_THRESHOLD[kind]) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!subscription && !place) {
      setPlaceMissing(true);
      return;
    }
    mutation.mutate();
  };

  const title = subscription
    ? t('alerts.form.editTitle', { place: subscription.location.name })
    : t('alerts.form.addTitle');

  return (
    <section className="card alert-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        {title}
      </h2>
      {placePicker && (
        <div className="alert-form__place">
          {placePicker((picked) => {
            setPlace(picked);
            setPlaceMissing(false);
          })}
          <p role="status" className={placeMissing ? 'alert-form__error' : undefined}>
            {place
              ? t('alerts.form.placeChosen', { place: place.label })
              : placeMissing
                ? t('alerts.form.placeMissing')
                : ''}
          </p>
        </div>
      )}
      <form className="alert-form__rule" onSubmit={submit} noValidate>
        <RuleFields
          id={id}
          draft={draft}
          change={change}
          changeKind={changeKind}
          fields={errors.fields}
          editing={subscription !== undefined}
        />
        {errors.general && (
          <p className="notice notice--error" role="alert">
            {errors.general}
          </p>
        )}
        <div className="alert-form__actions">
          <button type="submit" className="button button--primary" disabled={mutation.isPending}>
            {t(subscription ? 'alerts.form.save' : 'alerts.form.add')}
          </button>
          {onCancel && (
            <button type="button" className="button" onClick={onCancel}>
              {t('alerts.form.cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
