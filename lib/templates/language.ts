/**
 * The languages Touchbase writes to contacts in, and the `Intl` locale each one formats dates
 * and times with. Pure.
 */

/** Languages with a full built-in template library. */
export const LANGUAGES = ['en', 'es', 'de', 'fr', 'pt-BR'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What a contact gets when nobody knows their language. */
export const DEFAULT_LANGUAGE: Language = 'en';

/**
 * The `Intl` locale per language. English keeps en-US (the rep base today, and what drafts read
 * like before languages existed); Spanish and French stay regionless so neither Spain nor Mexico,
 * France nor Canada is imposed on the other.
 */
export const LOCALE_OF: Readonly<Record<Language, string>> = {
  en: 'en-US',
  es: 'es',
  de: 'de',
  fr: 'fr',
  'pt-BR': 'pt-BR',
};

/** Names a language's own speakers and English speakers use, for pickers. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  es: 'Español',
  de: 'Deutsch',
  fr: 'Français',
  'pt-BR': 'Português (Brasil)',
};

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/** A stored or page-supplied value as a language, English for anything else. */
export function languageOr(v: unknown, fallback: Language = DEFAULT_LANGUAGE): Language {
  return isLanguage(v) ? v : fallback;
}
