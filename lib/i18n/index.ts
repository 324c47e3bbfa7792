/**
 * The one way Touchbase words things: `t(key, params)` and `tn(key, count, params)` over the
 * catalogues in `public/_locales/`. Without an override, `browser.i18n.getMessage` answers (the
 * browser's language, as Chrome picked the `_locales` folder); with one, the chosen catalogue is
 * loaded by {@link initI18n} and answers instead. English fills any gap, so a missing key reads in
 * English rather than blank.
 *
 * Surfaces `await initI18n()` before their first render; `t()` is synchronous after that.
 * {@link uiLocale} is the locale every surface hands to `lib/format` (12/24 h, number grouping).
 */
import { browser } from 'wxt/browser';
import { formatClock, formatDateTime, formatNumber } from '@/lib/format/datetime';
import { type Catalogue, EN, type EnCatalogue, fillMessage, loadCatalogue } from './catalogue';
import { isUiLocaleChoice, matchUiLocale, type UiLocale } from './locales';
import { uiLanguage } from './override';
import { registerTranslator } from './light';
import { renderWith } from './english';
import type { MessageKey, Msg, PluralKey } from './msg';

export * from './locales';
export { uiLanguage } from './override';

export type { MessageKey, PluralKey } from './msg';

type Names<K extends MessageKey> = EnCatalogue[K] extends { placeholders: infer P }
  ? keyof P & string
  : never;

/**
 * A message's substitutions, by placeholder name. Numbers are written with the locale's digits
 * and grouping ("1.234" in German); pass a string for anything that is not a quantity.
 */
export type Params<K extends MessageKey> = { [N in Names<K>]: string | number };

type Args<K extends MessageKey> = [Names<K>] extends [never] ? [] : [params: Params<K>];
type PluralArgs<B extends PluralKey> = [Exclude<Names<`${B}_other` & MessageKey>, 'count'>] extends [never]
  ? []
  : [params: Omit<Params<`${B}_other` & MessageKey>, 'count'>];

interface State {
  /** The catalogue of the rep's override; undefined: the browser's language through browser.i18n. */
  override?: Catalogue;
  /** The locale formats follow. */
  locale: string;
  /** The shipped language messages are in. */
  language: UiLocale;
}

let state: State = initialState();
let ready: Promise<void> | undefined;

function browserUiLanguage(): string | undefined {
  try {
    return browser.i18n.getUILanguage() || undefined;
  } catch {
    // The unit tests' fake browser has no i18n: English.
    return undefined;
  }
}

/** The shipped language whose catalogue the browser picked (its `locale_code` message). */
function browserCatalogue(): UiLocale | undefined {
  try {
    const code = browser.i18n.getMessage('locale_code' as never);
    return code ? matchUiLocale(code) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Formats follow the browser's full locale when it is in the language the text reads in (en-GB
 * keeps its 24-hour clock), else the text's language, so a sentence never mixes two locales.
 */
function formatLocale(language: UiLocale): string {
  const tag = browserUiLanguage();
  return tag && matchUiLocale(tag) === language ? tag : language === 'en' ? 'en-US' : language;
}

function initialState(): State {
  const language = browserCatalogue() ?? matchUiLocale(browserUiLanguage());
  return { locale: formatLocale(language), language };
}

/**
 * Reads the rep's override and loads its catalogue; safe to call from every entrypoint, once or
 * many times (one load). A storage or load failure leaves the browser's language in place.
 */
export function initI18n(): Promise<void> {
  ready ??= (async () => {
    try {
      const choice = await uiLanguage.getValue();
      await applyChoice(isUiLocaleChoice(choice) ? choice : 'auto');
    } catch {
      state = initialState();
    }
  })();
  return ready;
}

/** Switches this context to a choice now (tests; the background when the setting changes). */
export async function applyChoice(choice: string): Promise<void> {
  if (!isUiLocaleChoice(choice) || choice === 'auto') {
    state = initialState();
  } else {
    state = { override: await loadCatalogue(choice), locale: formatLocale(choice), language: choice };
  }
  if (typeof document !== 'undefined') document.documentElement.lang = state.language;
}

/** Forgets the loaded override so the next {@link initI18n} reads storage again. */
export function resetI18n(): void {
  ready = undefined;
  state = initialState();
}

/** The locale dates, times and numbers follow on every surface. */
export function uiLocale(): string {
  return state.locale;
}

/** The shipped language the browser's own language maps to (what `auto` reads in). */
export function browserLanguage(): UiLocale {
  return browserCatalogue() ?? matchUiLocale(browserUiLanguage());
}

/** The shipped language the interface reads in. */
export function uiLanguageNow(): UiLocale {
  return state.language;
}

/** A count in the interface's locale ("1,234", "1.234"); see lib/format for the rest. */
export function formatCount(n: number): string {
  return formatNumber(n, state.locale);
}

function positional(key: string, params: Record<string, string | number> | undefined): string[] {
  const placeholders = EN[key]?.placeholders;
  if (!placeholders || !params) return [];
  const subs: string[] = [];
  for (const [name, ph] of Object.entries(placeholders)) {
    const index = Number(ph.content.slice(1)) - 1;
    const v = params[name];
    subs[index] = typeof v === 'number' ? formatCount(v) : (v ?? '');
  }
  return subs;
}

function lookup(key: string, subs: string[]): string {
  const { override } = state;
  if (override) {
    const entry = override[key];
    if (entry) return fillMessage(entry, subs);
  } else {
    try {
      const m = browser.i18n.getMessage(key as never, subs);
      if (m) return m;
    } catch {
      // No browser.i18n (unit tests): the bundled English below.
    }
  }
  const fallback = EN[key];
  return fallback ? fillMessage(fallback, subs) : key;
}

registerTranslator((key) => lookup(key, []));

/** The message `key` in the interface language, its placeholders filled from `params`. */
export function t<K extends MessageKey>(key: K, ...args: Args<K>): string {
  return lookup(key, positional(key, args[0] as Record<string, string | number> | undefined));
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** The CLDR plural category of `count` in the interface language ("one", "few", "other"…). */
function category(count: number): string {
  const lang = state.language;
  let r = pluralRules.get(lang);
  if (!r) {
    r = new Intl.PluralRules(lang);
    pluralRules.set(lang, r);
  }
  return r.select(count);
}

/**
 * A counted message: `key_one`, `key_other` (and `key_few`/`key_many` where a language has them)
 * chosen by `Intl.PluralRules`, with `count` written in the locale's digits. A category the
 * catalogue lacks reads as `_other`.
 */
export function tn<B extends PluralKey>(key: B, count: number, ...args: PluralArgs<B>): string {
  const params = { ...(args[0] as Record<string, string | number> | undefined), count };
  const exact = `${key}_${category(count)}`;
  const has = state.override ? exact in state.override || exact in EN : exact in EN;
  const chosen = has ? exact : `${key}_other`;
  return lookup(chosen, positional(chosen, params));
}

/** A message (lib/i18n/msg.ts) in the interface language; see `renderMsg` in ./message. */
export function renderMsgNow(m: Msg): string {
  return renderWith(m, {
    has: (key) =>
      Object.hasOwn(EN, key) || (state.override !== undefined && Object.hasOwn(state.override, key)),
    lookup,
    num: formatCount,
    plural: category,
    when: (at, tz) => formatDateTime(at, tz, state.locale),
    clock: (hhmm) => formatClock(hhmm, state.locale),
  });
}

const lists = new Map<string, Intl.ListFormat>();

/** "Ada, Bo and Cy" ("Ada, Bo y Cy"), or "Ada, Bo and 3 more" past `max` names. */
export function nameList(names: readonly string[], max = 3): string {
  const shown = names.slice(0, max);
  const rest = names.length - shown.length;
  if (rest > 0) return tn('common_list_more', rest, { names: shown.join(', ') });
  const locale = state.locale;
  let f = lists.get(locale);
  if (!f) {
    try {
      f = new Intl.ListFormat(locale, { type: 'conjunction' });
    } catch {
      f = new Intl.ListFormat('en-US', { type: 'conjunction' });
    }
    lists.set(locale, f);
  }
  return f.format(shown);
}

/**
 * A lookup table whose values are messages, read when used (not when the module loads, before
 * the rep's language is known): `CHANNEL_LABELS.email` is `t('channel_email')` at that moment.
 */
export function messageMap<K extends string>(keys: Record<K, MessageKey>): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const [id, key] of Object.entries(keys) as [K, MessageKey][]) {
    Object.defineProperty(out, id, { get: () => lookup(key, []), enumerable: true });
  }
  return Object.freeze(out);
}
