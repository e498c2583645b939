// Pieces every account form shares: a labelled input with its errors, the general errors, the page.
import { useId, type FormEvent, type ReactNode } from 'react';
import { Link } from 'wouter';
import { useI18n } from '@/lib/i18n/use-i18n';
import '../account.css';
import '@/lib/i18n/messages-accounts-pages';

type FieldProps = {
  label: string;
  type: 'email' | 'password';
  name: string;
  autoComplete: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  hint?: string;
};

export function Field({ label, type, name, autoComplete, value, onChange, errors = [], hint }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', errors.length ? `${id}-errors` : ''].filter(Boolean).join(' ');
  return (
    <div className="account-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required
        value={value}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={described || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint && (
        <p id={`${id}-hint`} className="account-field__hint">
          {hint}
        </p>
      )}
      <div role="alert">
        {errors.length > 0 && (
          <ul id={`${id}-errors`} className="account-field__errors">
            {errors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

type ValueProps = { value: string; onChange: (value: string) => void; errors?: string[] };

/** The email address input. */
export function EmailField(props: ValueProps) {
  const { t } = useI18n();
  return <Field label={t('account.email')} type="email" name="email" autoComplete="email" {...props} />;
}

/** A password input: the current one, or a new one (with the hint of what it needs). */
export function PasswordField({ label, isNew = false, ...props }: ValueProps & { label?: string; isNew?: boolean }) {
  const { t } = useI18n();
  return (
    <Field
      label={label ?? t('account.password')}
      type="password"
      name="password"
      autoComplete={isNew ? 'new-password' : 'current-password'}
      hint={isNew ? t('account.passwordHint') : undefined}
      {...props}
    />
  );
}

/** A form that submits without the browser's own validation, its general refusals first. */
export function AccountForm({
  onSubmit,
  errors,
  children,
}: {
  onSubmit: () => void;
  errors: string[];
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="account-form" onSubmit={submit} noValidate>
      <FormErrors messages={errors} />
      {children}
    </form>
  );
}

/** The submit button, saying it works while the request is on its way. */
export function SubmitButton({
  pending,
  label,
  danger = false,
  disabled = false,
}: {
  pending: boolean;
  label: string;
  danger?: boolean;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <button
      type="submit"
      className={danger ? 'button button--danger' : 'button button--primary'}
      disabled={pending || disabled}
    >
      {pending ? t('account.working') : label}
    </button>
  );
}

/** What a finished emailed link says: where a signed-in person goes, or where to sign in. */
export function LinkDone({
  signedIn,
  doneText,
  signInText,
}: {
  signedIn: boolean;
  doneText: string;
  signInText: string;
}) {
  const { t } = useI18n();
  return signedIn ? (
    <p role="status">
      {doneText} <Link href="/account">{t('account.me.title')}</Link>
    </p>
  ) : (
    <p role="status">
      {signInText} <Link href="/account/signin">{t('account.signIn.title')}</Link>
    </p>
  );
}

/** The refusals not about one input, announced when they appear. */
export function FormErrors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="notice notice--error" role="alert">
      {messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}

export function AccountPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="page account-page">
      <h1>{title}</h1>
      {children}
    </div>
  );
}
