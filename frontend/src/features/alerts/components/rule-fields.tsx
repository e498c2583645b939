// The rule's own fields: kind, threshold (in the reader's unit for the kind), look-ahead, channels.
import { useI18n } from '@/lib/i18n/use-i18n';
import type { MessageKey } from '@/lib/i18n/messages';
import { ALERT_KINDS, type AlertKind, type SubscriptionInput } from '../api/alerts';
import { useThresholdUnits } from '../threshold-units';

/** The form's state: the threshold as typed. */
export type Draft = Omit<SubscriptionInput, 'location_id' | 'threshold'> & { threshold: string };

type RuleFieldsProps = {
  id: string;
  draft: Draft;
  change: (changes: Partial<Draft>) => void;
  changeKind: (kind: AlertKind) => void;
  /** The server's refusals by field. */
  fields: Record<string, string[]>;
  /** Editing shows the active switch too. */
  editing: boolean;
};

export function RuleFields({ id, draft, change, changeKind, fields, editing }: RuleFieldsProps) {
  const { t } = useI18n();
  const unit = useThresholdUnits().symbol(draft.kind);
  return (
    <>
      <div className="alert-field">
        <label htmlFor={`${id}-kind`}>{t('alerts.form.kind')}</label>
        <select id={`${id}-kind`} value={draft.kind} onChange={(e) => changeKind(e.target.value as AlertKind)}>
          {ALERT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`alerts.kind.${kind}` as MessageKey)}
            </option>
          ))}
        </select>
        <FieldErrors id={`${id}-kind-errors`} messages={fields.kind} />
      </div>
      {unit !== null && (
        <div className="alert-field">
          <label htmlFor={`${id}-threshold`}>{t('alerts.form.threshold', { unit })}</label>
          <input
            id={`${id}-threshold`}
            type="number"
            inputMode="decimal"
            step="any"
            required
            value={draft.threshold}
            aria-invalid={fields.threshold ? true : undefined}
            aria-describedby={fields.threshold ? `${id}-threshold-errors` : undefined}
            onChange={(e) => change({ threshold: e.target.value })}
          />
          <FieldErrors id={`${id}-threshold-errors`} messages={fields.threshold} />
        </div>
      )}
      <fieldset className="alert-field alert-field--choices">
        <legend>{t('alerts.form.horizon')}</legend>
        {([24, 48] as const).map((hours) => (
          <label key={hours}>
            <input
              type="radio"
              name={`${id}-horizon`}
              checked={draft.horizon_hours === hours}
              onChange={() => change({ horizon_hours: hours })}
            />
            {t('alerts.form.hours', { hours })}
          </label>
        ))}
      </fieldset>
      <fieldset className="alert-field alert-field--choices">
        <legend>{t('alerts.form.channels')}</legend>
        <label>
          <input type="checkbox" checked={draft.email} onChange={(e) => change({ email: e.target.checked })} />
          {t('alerts.form.email')}
        </label>
        <label>
          <input type="checkbox" checked={draft.push} onChange={(e) => change({ push: e.target.checked })} />
          {t('alerts.form.push')}
        </label>
        {editing && (
          <label>
            <input type="checkbox" checked={draft.active} onChange={(e) => change({ active: e.target.checked })} />
            {t('alerts.form.active')}
          </label>
        )}
      </fieldset>
    </>
  );
}

function FieldErrors({ id, messages }: { id: string; messages?: string[] }) {
  return (
    <div role="alert">
      {messages?.length ? (
        <p id={id} className="alert-form__error">
          {messages.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
