/**
 * The interface languages Touchbase ships, as BCP 47 tags, and how a browser or stored tag maps
 * onto them. Pure: no browser API, so the settings form, the loader and the tests share it.
 */

/** Every shipped interface language; `en` is the manifest's `default_locale`. */
export const UI_LOCALES = ['en', 'es', 'de', 'fr', 'pt-BR'] as const;

/** One shipped interface language. */
export type UiLocale = (typeof UI_LOCALES)[number];

/** What the rep can store: a shipped language, or `auto` to follow the browser. */
export type UiLocaleChoice = UiLocale | 'auto';

/** The folder under `public/_locales/` that holds a language's catalogue (`pt-BR` -> `pt_BR`). */
export function localeFolder(locale: UiLocale): string {
  return locale.replace('-', '_');
}

/**
 * The shipped language a BCP 47 tag reads in, the way Chrome picks a `_locales` folder: the exact
 * region first, then the bare language, else English. `pt-PT` therefore gets English, as Chrome
 * does, rather than Brazilian wording it did not ask for.
 */
export function matchUiLocale(tag: string | undefined): UiLocale {
  if (!tag) return 'en';
  const norm = tag.replace('_', '-').toLowerCase();
  const exact = UI_LOCALES.find((l) => l.toLowerCase() === norm);
  if (exact) return exact;
  const base = norm.split('-')[0];
  if (base === 'pt') return norm === 'pt' ? 'pt-BR' : 'en';
  return UI_LOCALES.find((l) => l === base) ?? 'en';
}

/** Whether a stored value is a choice this version understands (a corrupt value reads as `auto`). */
export function isUiLocaleChoice(v: unknown): v is UiLocaleChoice {
  return v === 'auto' || (UI_LOCALES as readonly unknown[]).includes(v);
}

/** A language's own name ("Deutsch", "español"), capitalised, from Intl rather than a word list. */
export function endonym(locale: UiLocale): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    return locale;
  }
}
