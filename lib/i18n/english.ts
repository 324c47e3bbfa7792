/**
 * How a {@link Msg} becomes text, given a language's lookup, and the English rendering a
 * {@link MsgError}'s `message` carries (logs, tests, code that only knows `Error`). The rep reads
 * `renderMsg` (lib/i18n/message.ts) instead, in their language.
 */
import { EN, fillMessage } from './catalogue';
import { type Msg, registerEnglish } from './msg';

/** What rendering needs from a language. */
export interface MsgLanguage {
  /** Whether the catalogue has `key` (a plural form this language lacks reads as `_other`). */
  has(key: string): boolean;
  /** The message `key` with its positional substitutions filled in. */
  lookup(key: string, subs: string[]): string;
  /** A number in the language's digits. */
  num(n: number): string;
  /** The CLDR plural category of `n`. */
  plural(n: number): string;
}

/** `m` in `lang`: a plural base picks its form by `params.count`; message params render first. */
export function renderWith(m: Msg, lang: MsgLanguage): string {
  const params = m.params ?? {};
  let key = m.key;
  if (!(key in EN) && typeof params.count === 'number') {
    const exact = `${key}_${lang.plural(params.count)}`;
    key = lang.has(exact) ? exact : `${key}_other`;
  }
  // An unknown key (a message from a newer version, kept in storage) shows as itself, not blank.
  const entry = EN[key];
  if (!entry) return m.key;
  const subs: string[] = [];
  for (const [name, ph] of Object.entries(entry.placeholders ?? {})) {
    const v = params[name];
    subs[Number(ph.content.slice(1)) - 1] =
      typeof v === 'number' ? lang.num(v) : typeof v === 'string' ? v : v ? renderWith(v, lang) : '';
  }
  return lang.lookup(key, subs);
}

const numbers = new Intl.NumberFormat('en-US');
const plurals = new Intl.PluralRules('en');

const ENGLISH: MsgLanguage = {
  has: (key) => key in EN,
  lookup: (key, subs) => {
    const entry = EN[key];
    return entry ? fillMessage(entry, subs) : key;
  },
  num: (n) => numbers.format(n),
  plural: (n) => plurals.select(n),
};

/** `m` in English. */
export function english(m: Msg): string {
  return renderWith(m, ENGLISH);
}

registerEnglish(english);
