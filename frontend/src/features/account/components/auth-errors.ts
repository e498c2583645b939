// The account server's refusals put into words: its codes mapped to our strings, its own text otherwise.
import { NetworkError } from '@/lib/api-client';
import type { MessageKey } from '@/lib/i18n/messages';
import { useI18n } from '@/lib/i18n/use-i18n';
import { AuthError, type AuthFieldError } from '../api/allauth';

const CODES: Record<string, MessageKey> = {
  required: 'account.error.required',
  invalid: 'account.error.invalidEmail',
  email_taken: 'account.error.emailTaken',
  email_password_mismatch: 'account.error.mismatch',
  password_too_short: 'account.error.tooShort',
  password_too_common: 'account.error.tooCommon',
  password_entirely_numeric: 'account.error.numeric',
  password_too_similar: 'account.error.tooSimilar',
  too_many_login_attempts: 'account.error.tooMany',
  rate_limited: 'account.error.tooMany',
};

/** Words for each refusal; `param` picks the ones about one input, undefined the general ones. */
export function useAuthErrors(error: unknown) {
  const { t } = useI18n();
  const word = (item: AuthFieldError) => (CODES[item.code] ? t(CODES[item.code]!) : item.message);
  const about = (param: string | undefined): string[] =>
    error instanceof AuthError ? error.about(param).map(word) : [];
  let general: string[] = [];
  if (error instanceof AuthError) {
    general = about(undefined);
    if (general.length === 0 && error.errors.length === 0) {
      general = [t(error.status === 429 ? 'account.error.tooMany' : 'account.error.unknown')];
    }
  } else if (error instanceof NetworkError) {
    general = [t('account.error.offline')];
  } else if (error) {
    general = [t('account.error.unknown')];
  }
  return { about, general };
}
