/**
 * What a reply asks for, from keyword tables in the languages of our fixtures (en, es, de, fr,
 * pt). Pure. The result only ever *proposes* an action to the rep, so the tables lean to
 * phrases a person writes on purpose ("remove me", "no me interesa") rather than loose words:
 * a single word counts only when it is the whole reply ("STOP", "Sí").
 */
import type { ReplyIntent } from './rules';

/** One intent found in a reply, with the words that matched. */
export interface IntentMatch {
  intent: ReplyIntent;
  matched: string;
}

/** Lower case, accents off, curly quotes straight, runs of space collapsed. */
export function normaliseReply(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The contact's own words: quoted lines ("> ...") and everything from the "On ... wrote:"
 * line down are our own earlier message, which may well say "reply STOP to opt out".
 */
export function ownWords(text: string): string {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  for (const line of lines) {
    const l = line.trim();
    if (/^(on|el|am|le|em)\b.{0,200}\b(wrote|escribio|escribió|schrieb|a ecrit|a écrit|escreveu):?$/i.test(l))
      break;
    if (
      /^-{2,}\s*(original message|mensaje original|ursprungliche nachricht|ursprüngliche nachricht|message d'origine|mensagem original)/i.test(
        l,
      )
    )
      break;
    if (l.startsWith('>')) continue;
    out.push(line);
  }
  return out.join('\n');
}

// Phrases, matched on normalised text between word boundaries. Accents are already gone.
const OPT_OUT_PHRASES = [
  // en
  'unsubscribe',
  'remove me',
  'take me off',
  'opt me out',
  'opt out',
  'opt-out',
  'stop texting',
  'stop emailing',
  'stop calling',
  'stop contacting',
  'stop messaging',
  'please stop',
  "don't contact me",
  'do not contact me',
  "don't text me",
  'do not text me',
  "don't email me",
  'do not email me',
  // es
  'darme de baja',
  'dame de baja',
  'denme de baja',
  'dar de baja',
  'de baja',
  'no me contacten',
  'no me contactes',
  'no me contacte',
  'no me escriban',
  'no me escribas',
  'quitame de',
  'eliminame de',
  'borrame de',
  'cancelar suscripcion',
  // de
  'abmelden',
  'abbestellen',
  'austragen',
  'nicht mehr kontaktieren',
  'nicht mehr anschreiben',
  'keine nachrichten mehr',
  'entfernen sie mich',
  'loschen sie mich',
  'bitte aufhoren',
  // fr
  'desabonner',
  'desabonnez-moi',
  'desinscrire',
  'desinscrivez-moi',
  'desinscription',
  'ne plus me contacter',
  'ne me contactez plus',
  'retirez-moi',
  'supprimez-moi',
  'arretez de',
  // pt
  'descadastrar',
  'descadastre',
  'cancelar inscricao',
  'remova-me',
  'me remova',
  'me remove',
  'nao me contate',
  'nao me contatem',
  'nao quero mais receber',
  'sair da lista',
  'parem de',
  'pare de',
];

/** Carrier-style keywords: an opt-out only when they are the whole reply. */
const OPT_OUT_WORDS = [
  'stop',
  'stopp',
  'end',
  'quit',
  'cancel',
  'stopall',
  'baja',
  'alto',
  'arret',
  'arrete',
  'pare',
  'parar',
  'sair',
];

const NOT_INTERESTED_PHRASES = [
  // en
  'not interested',
  'no longer interested',
  'not looking anymore',
  'not a good fit',
  'went with someone else',
  'went with another',
  'no thanks',
  'no thank you',
  // es
  'no me interesa',
  'no estoy interesado',
  'no estoy interesada',
  'no estamos interesados',
  'no nos interesa',
  'ya no me interesa',
  'no gracias',
  // de
  'kein interesse',
  'nicht interessiert',
  'nein danke',
  // fr
  'pas interesse',
  'pas interessee',
  'pas interesses',
  "ne m'interesse pas",
  "ne m'interesse plus",
  'ne nous interesse pas',
  'non merci',
  // pt
  'nao tenho interesse',
  'nao estou interessado',
  'nao estou interessada',
  'sem interesse',
  'nao me interessa',
  'nao obrigado',
  'nao obrigada',
];

const CALL_ME_PHRASES = [
  // en
  'call me',
  'give me a call',
  'ring me',
  'phone me',
  'can you call',
  'could you call',
  'please call',
  // es
  'llamame',
  'llameme',
  'llamenme',
  'me puede llamar',
  'me puedes llamar',
  'me pueden llamar',
  // de
  'rufen sie mich an',
  'ruf mich an',
  'rufen sie mich bitte an',
  'mich anrufen',
  'bitte anrufen',
  // fr
  'appelez-moi',
  'appelle-moi',
  'rappelez-moi',
  'rappelle-moi',
  'appelez moi',
  "vous pouvez m'appeler",
  // pt
  'me liga',
  'me ligue',
  'ligue-me',
  'pode me ligar',
  'podem me ligar',
  'me telefone',
];

/** "Yes" in our languages: a call-me when it leads a short reply ("Yes please", "Sí, claro"). */
const YES_WORDS = ['yes', 'yep', 'yeah', 'sure', 'si', 'ja', 'oui', 'sim'];
const SHORT_REPLY_WORDS = 4;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// \b is ASCII-only; these lookarounds treat any letter or digit as part of a word.
const phraseRe = (list: readonly string[]) =>
  new RegExp(`(?<![\\p{L}\\p{N}])(${list.map(escapeRe).join('|')})(?![\\p{L}\\p{N}])`, 'u');

const OPT_OUT_RE = phraseRe(OPT_OUT_PHRASES);
const NOT_INTERESTED_RE = phraseRe(NOT_INTERESTED_PHRASES);
const CALL_ME_RE = phraseRe(CALL_ME_PHRASES);

/**
 * A phone number as people type one: 7 to 15 digits in groups joined by spaces, dots, dashes
 * or parentheses, or a run of 10-15 digits after "+". A bare number ("2147483647", "1.000.000")
 * is not a phone number: those are amounts and ids.
 */
const PHONE_RE =
  /(?<![\p{L}\p{N}.,/+-])(\+\d{1,3}[\s.-]?)?(\(\d{1,4}\)[\s.-]?)?\d{1,5}([\s.-]\d{2,5}){1,5}(?![\p{L}\p{N}]|[.,/-]\d)/u;
const PLUS_PHONE_RE = /(?<![\p{L}\p{N}])\+\d{10,15}(?![\p{L}\p{N}])/u;

/** The phone number in a reply, if any. */
export function findPhoneNumber(text: string): string | undefined {
  const plus = PLUS_PHONE_RE.exec(text);
  if (plus) return plus[0];
  const m = PHONE_RE.exec(text);
  if (!m) return undefined;
  const digits = m[0].replace(/\D/g, '').length;
  // Dotted groups like 1.000.000 are amounts; a dotted phone has at least 7 digits and no 3-digit-only tail of thousands.
  if (digits < 7 || digits > 15) return undefined;
  if (/^\d{1,3}([ .,]\d{3})+([.,]\d{1,2})?$/.test(m[0])) return undefined;
  // Dates (2026-03-03, 03.03.2026) are not phone numbers.
  if (/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/.test(m[0]) || /^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(m[0]))
    return undefined;
  return m[0];
}

function wholeReplyWord(norm: string): string {
  return norm
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Every intent a reply shows, most decisive first (opt-out, not interested, call me). Only the
 * contact's own words count, not the quoted message under them.
 */
export function detectReplyIntents(text: string | undefined): IntentMatch[] {
  if (typeof text !== 'string' || text.trim() === '') return [];
  const own = ownWords(text);
  const norm = normaliseReply(own);
  const words = wholeReplyWord(norm);
  const out: IntentMatch[] = [];
  const opt = OPT_OUT_RE.exec(norm);
  if (opt) out.push({ intent: 'opt-out', matched: opt[1] ?? opt[0] });
  else if (OPT_OUT_WORDS.includes(words)) out.push({ intent: 'opt-out', matched: words });
  const ni = NOT_INTERESTED_RE.exec(norm);
  if (ni) out.push({ intent: 'not-interested', matched: ni[1] ?? ni[0] });
  const call = CALL_ME_RE.exec(norm);
  if (call) out.push({ intent: 'call-me', matched: call[1] ?? call[0] });
  else {
    const phone = findPhoneNumber(own);
    const list = words.split(' ');
    if (phone) out.push({ intent: 'call-me', matched: phone });
    else if (!ni && !opt && list.length <= SHORT_REPLY_WORDS && YES_WORDS.includes(list[0] ?? ''))
      out.push({ intent: 'call-me', matched: list[0] as string });
  }
  return out;
}
