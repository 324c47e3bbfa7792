/**
 * How a {@link Msg} becomes text, given a language's lookup, and the English rendering a
 * {@link MsgError}'s `message` carries (logs, tests, code that only knows `Error`). The rep reads
 * `renderMsg` (lib/i18n/message.ts) instead, in their language.
 */
import { toLocal } from '@/lib/cadence/zoned';
import { formatClock } from '@/lib/format/datetime';
import { EN, fillMessage } from './catalogue';
import { CLOCK_KEY, type Msg, registerEnglish, WHEN_KEY } from './msg';

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
  /** An instant in a time zone. */
  when(at: number, timeZone: string): string;
  /** A clock time written "08:00". */
  clock(hhmm: string): string;
}

/** The largest instant a Date holds, either side of 1970 (ECMAScript time values). */
const MAX_INSTANT = 8.64e15;

/** `m` in `lang`: a plural base picks its form by `params.count`; message params render first. */
export function renderWith(m: Msg, lang: MsgLanguage): string {
  const params = m.params ?? {};
  if (m.key === WHEN_KEY) {
    const { at, tz } = params;
    // A peer's stored instant can be any number: past ±8.64e15 ms there is no date to show.
    return typeof at === 'number' && Math.abs(at) <= MAX_INSTANT && typeof tz === 'string'
      ? lang.when(at, tz)
      : '';
  }
  if (m.key === CLOCK_KEY) return typeof params.hhmm === 'string' ? lang.clock(params.hhmm) : '';
  let key = m.key;
  // Own keys only: a stored key such as "__proto__" or "constructor" is not a message.
  if (!Object.hasOwn(EN, key) && typeof params.count === 'number') {
    const exact = `${key}_${lang.plural(params.count)}`;
    key = lang.has(exact) ? exact : `${key}_other`;
  }
  // An unknown key (a message from a newer version, kept in storage) shows as itself, not blank.
  const entry = Object.hasOwn(EN, key) ? EN[key] : undefined;
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
  has: (key) => Object.hasOwn(EN, key),
  lookup: (key, subs) => {
    const entry = EN[key];
    return entry ? fillMessage(entry, subs) : key;
  },
  num: (n) => numbers.format(n),
  plural: (n) => plurals.select(n),
  when: spelledWhen,
  clock: (hhmm) => formatClock(hhmm, 'en-US'),
};

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * "Tue 2026-03-03 10:10" in the zone: the English text stored beside a message reads like the
 * cadence contract's tables (and like history written before messages had keys). A zone this
 * runtime refuses reads in UTC.
 */
function spelledWhen(at: number, timeZone: string): string {
  let local = Number.NaN;
  try {
    local = toLocal(timeZone, at);
  } catch {
    // The UTC reading below.
  }
  if (!Number.isFinite(local)) local = at;
  const d = new Date(local);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `m` in English. */
export function english(m: Msg): string {
  return renderWith(m, ENGLISH);
}

registerEnglish(english);
