import { numberFormat, pluralRules } from '../intl';
import { MESSAGES, type Lang, type MessageKey } from './messages';

export type Vars = Record<string, string | number>;

/** Keys that exist as `.one` / `.other` pairs, usable with `plural`. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

export function interpolate(template: string, vars?: Vars): string {
  // Most strings have nothing to fill: a page's first render calls this hundreds of times.
  if (!vars || !template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  // Fall back to English, then the key itself, so an unexpected API value never crashes a render.
  return interpolate(MESSAGES[lang][key] ?? MESSAGES.en[key] ?? key, vars);
}

export function translatePlural(lang: Lang, key: PluralKey, count: number, vars: Vars = {}): string {
  const form = pluralRules(lang).select(count) === 'one' ? 'one' : 'other';
  const numberText = numberFormat(lang).format(count);
  return translate(lang, `${key}.${form}` as MessageKey, { ...vars, count: numberText });
}

/** The reader's own regional variant when it matches the language (en-US vs en-GB), else a default. */
export function localeFor(lang: Lang, preferred: readonly string[] = navigator.languages ?? []): string {
  const regional = preferred.find((tag) => tag.toLowerCase().startsWith(`${lang}-`));
  return regional ?? (lang === 'fr' ? 'fr-FR' : 'en-GB');
}
