/**
 * Guesses a contact's language from what a page shows: an explicit CRM field, the text they
 * wrote, or their phone's country code, most trustworthy first. Pure. A guess that is not clear
 * is no guess: the caller keeps English (or what the rep set by hand).
 */
import type { Language } from '@/lib/templates/language';
import { callingCode } from './phone-zone';

/** Where a guess came from, strongest first. */
export type LanguageSource = 'field' | 'text' | 'phone';

export interface LanguageGuess {
  language: Language;
  source: LanguageSource;
}

/** What the page shows about the person. All optional. */
export interface LanguageEvidence {
  /** A CRM "Language" / "Preferred language" value ("Spanish", "de-AT", "Português"). */
  field?: string;
  /** Text the contact wrote (a thread's messages). */
  text?: string;
  phone?: string;
}

/** Lower-cased names and tags a CRM field may hold; the region of a tag is ignored except pt. */
const FIELD_NAMES: Readonly<Record<string, Language>> = {
  en: 'en',
  english: 'en',
  inglés: 'en',
  ingles: 'en',
  englisch: 'en',
  anglais: 'en',
  inglês: 'en',
  es: 'es',
  spanish: 'es',
  español: 'es',
  espanol: 'es',
  castellano: 'es',
  spanisch: 'es',
  espagnol: 'es',
  espanhol: 'es',
  de: 'de',
  german: 'de',
  deutsch: 'de',
  alemán: 'de',
  aleman: 'de',
  allemand: 'de',
  alemão: 'de',
  fr: 'fr',
  french: 'fr',
  français: 'fr',
  francais: 'fr',
  francés: 'fr',
  frances: 'fr',
  französisch: 'fr',
  francês: 'fr',
  pt: 'pt-BR',
  portuguese: 'pt-BR',
  português: 'pt-BR',
  portugues: 'pt-BR',
  portugués: 'pt-BR',
  portugiesisch: 'pt-BR',
  portugais: 'pt-BR',
  'brazilian portuguese': 'pt-BR',
  'portuguese (brazil)': 'pt-BR',
  'português (brasil)': 'pt-BR',
  'português do brasil': 'pt-BR',
};

/** A CRM language field as one of ours, or undefined when it names none of them. */
export function languageFromField(value: string | undefined): Language | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase().replace(/_/g, '-').slice(0, 60);
  if (v === '') return undefined;
  const direct = FIELD_NAMES[v];
  if (direct) return direct;
  // BCP 47 tags: "es-MX", "de-CH", "pt-PT" (only one Portuguese library: it still reads well).
  const tag = /^([a-z]{2})-[a-z0-9]{2,8}$/.exec(v);
  return tag ? FIELD_NAMES[tag[1]!] : undefined;
}

/**
 * Short function words, frequent in any message and rare in the other four languages. Words
 * shared by two of them ("de", "a", "que", "en", "la") are left out: they say nothing.
 */
const STOP_WORDS: Readonly<Record<Language, readonly string[]>> = {
  en: [
    'the',
    'and',
    'you',
    'is',
    'to',
    'of',
    'for',
    'with',
    'this',
    'that',
    'have',
    'are',
    'thanks',
    'we',
    'our',
    'would',
    'be',
    'it',
    'will',
    'can',
  ],
  es: [
    'el',
    'los',
    'las',
    'y',
    'es',
    'por',
    'para',
    'con',
    'una',
    'gracias',
    'usted',
    'nosotros',
    'pero',
    'muy',
    'hola',
    'saludos',
    'del',
    'al',
    'está',
    'puede',
    'mañana',
    'también',
  ],
  de: [
    'der',
    'die',
    'das',
    'und',
    'ist',
    'nicht',
    'ich',
    'sie',
    'wir',
    'mit',
    'für',
    'auf',
    'ein',
    'eine',
    'zu',
    'vielen',
    'dank',
    'danke',
    'grüße',
    'bitte',
    'haben',
    'gerne',
    'gern',
    'uns',
  ],
  fr: [
    'le',
    'les',
    'et',
    'est',
    'vous',
    'nous',
    'pour',
    'avec',
    'une',
    'des',
    'merci',
    'bonjour',
    'je',
    'pas',
    'cordialement',
    'sur',
    'au',
    'aux',
    'votre',
    'être',
    'ce',
  ],
  'pt-BR': [
    'o',
    'os',
    'e',
    'é',
    'você',
    'vocês',
    'obrigado',
    'obrigada',
    'para',
    'com',
    'uma',
    'não',
    'olá',
    'oi',
    'nós',
    'muito',
    'dos',
    'seu',
    'sua',
    'abraço',
    'amanhã',
    'também',
  ],
};

/**
 * Words claimed by two languages are scored for neither: "para", "con", "una", "muy" are both
 * Spanish and Portuguese. Computed once so the lists above can be read as written.
 */
const SCORE: ReadonlyMap<string, Language> = (() => {
  const owners = new Map<string, Language[]>();
  for (const [lang, words] of Object.entries(STOP_WORDS) as [Language, readonly string[]][]) {
    for (const w of words) owners.set(w, [...(owners.get(w) ?? []), lang]);
  }
  const out = new Map<string, Language>();
  for (const [w, langs] of owners) if (langs.length === 1) out.set(w, langs[0]!);
  return out;
})();

/** Fewer hits than this and a text is too short to call. */
const MIN_HITS = 3;
/** The winner must beat the runner-up by this factor. */
const MIN_LEAD = 1.5;
/** Enough text to decide; a long quoted thread adds nothing but time. */
const TEXT_WINDOW = 4000;

/** The language a text is written in, by stop-word counts; undefined when unclear. */
export function languageFromText(text: string | undefined): Language | undefined {
  if (typeof text !== 'string') return undefined;
  const counts = new Map<Language, number>();
  const words =
    text
      .slice(0, TEXT_WINDOW)
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  for (const w of words) {
    const lang = SCORE.get(w);
    if (lang) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < MIN_HITS) return undefined;
  if (second && best[1] < second[1] * MIN_LEAD) return undefined;
  return best[0];
}

/**
 * Countries whose calling code names one of our languages beyond doubt. Multilingual or
 * English-majority-elsewhere codes (+1, +32 Belgium, +41 Switzerland, +352) are left out.
 */
const LANGUAGE_BY_CODE: Readonly<Record<string, Language>> = {
  '44': 'en',
  '61': 'en',
  '64': 'en',
  '353': 'en',
  '34': 'es',
  '52': 'es',
  '54': 'es',
  '56': 'es',
  '57': 'es',
  '51': 'es',
  '49': 'de',
  '43': 'de',
  '33': 'fr',
  '55': 'pt-BR',
};

/** The language of a phone's country, or undefined for a national number or a mixed country. */
export function languageFromPhone(phone: string | undefined): Language | undefined {
  if (typeof phone !== 'string') return undefined;
  const code = callingCode(phone);
  return code ? LANGUAGE_BY_CODE[code] : undefined;
}

/** The best guess from the evidence: an explicit field, then the text, then the phone. */
export function guessLanguage(evidence: LanguageEvidence): LanguageGuess | undefined {
  const field = languageFromField(evidence.field);
  if (field) return { language: field, source: 'field' };
  const text = languageFromText(evidence.text);
  if (text) return { language: text, source: 'text' };
  const phone = languageFromPhone(evidence.phone);
  if (phone) return { language: phone, source: 'phone' };
  return undefined;
}

/** Where a guess came from, in words for the rep ("Guessed from …"). */
export const GUESS_SOURCE_LABELS: Readonly<Record<LanguageSource, string>> = {
  field: "the record's language field",
  text: 'the language of the conversation',
  phone: "their phone's country code",
};
