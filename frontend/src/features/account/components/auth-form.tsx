// Pieces every account form shares: a labelled input with its errors, the general errors, the page.
import { useId, type ReactNode } from 'react';
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
