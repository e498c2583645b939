// Strings of one area; `frAccounts` is typed against `enAccounts`, so a missing translation fails the typecheck.
// Only the header's strings load with the first page: the pages' own are in
// messages-accounts-pages.ts, which their lazy chunk loads and adds to the messages.
import type { enAccountsPages } from './messages-accounts-pages';

const enAccountsHeader = {
  'account.nav.signIn': 'Sign in',
  'account.nav.account': 'Account',
  'account.nav.accountOf': 'Your account ({email})',
} as const;

/** Typed with the pages' keys too, so `t()` knows them; their values arrive with the pages. */
export const enAccounts = enAccountsHeader as typeof enAccountsHeader & typeof enAccountsPages;

export const frAccounts = {
  'account.nav.signIn': 'Connexion',
  'account.nav.account': 'Compte',
  'account.nav.accountOf': 'Votre compte ({email})',
} satisfies Record<keyof typeof enAccountsHeader, string> as Record<keyof typeof enAccounts, string>;
