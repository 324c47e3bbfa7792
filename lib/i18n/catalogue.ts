/**
 * The message catalogues: `public/_locales/<folder>/messages.json` is the one source of truth. The
 * browser reads it through `browser.i18n`; pages import the same files when the rep overrides the
 * language, because `browser.i18n` cannot switch language at runtime. English is bundled (it is
 * the fallback and carries the placeholder order); the others load on demand, one chunk each.
 */
import en from '@/public/_locales/en/messages.json';
import { localeFolder, type UiLocale } from './locales';

/** One entry of a Chrome `messages.json`. */
export interface CatalogueEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

/** A whole `messages.json`. */
export type Catalogue = Record<string, CatalogueEntry>;

/** The English catalogue, typed from the file: its keys are the message keys. */
export const EN: Catalogue = en;

/** The English catalogue's own type, for key and placeholder typing. */
export type EnCatalogue = typeof en;

const loaders = import.meta.glob<Catalogue>('/public/_locales/*/messages.json', { import: 'default' });

/** The catalogue of one shipped language (English without a load). */
export async function loadCatalogue(locale: UiLocale): Promise<Catalogue> {
  if (locale === 'en') return EN;
  const load = loaders[`/public/_locales/${localeFolder(locale)}/messages.json`];
  if (!load) throw new Error(`No catalogue for ${locale}`);
  return load();
}

/**
 * A message with its `$NAME$` placeholders and `$1`…`$9` substitutions filled in, the way
 * `browser.i18n.getMessage` does it (placeholders first, then one pass over the substitutions so
 * a value that contains "$1" is never substituted again; `$$` is a literal dollar sign).
 */
export function fillMessage(entry: CatalogueEntry, subs: readonly string[]): string {
  const named = entry.placeholders ?? {};
  const expanded = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const ph = named[name.toLowerCase()];
    return ph ? ph.content : whole;
  });
  return expanded.replace(/\$(\$|[1-9])/g, (_, c: string) => (c === '$' ? '$' : (subs[Number(c) - 1] ?? '')));
}
