/**
 * Reply and forward prefixes on a subject line, as mail clients write them in our reps' and
 * contacts' languages: Gmail and Outlook in English ("Re:", "RE:", "Fwd:", "FW:"), German ("AW:",
 * "WG:"), Dutch and Belgian clients ("Antw:"), Portuguese ("RES:", "ENC:", "R:"), Spanish
 * ("RE:", "RV:"), French ("RE :", "TR :", "Réf :"). Pure.
 */

const REPLY_TAGS = [
  're',
  'aw',
  'antw',
  'antwort',
  'res',
  'resp',
  'r',
  'ref',
  'réf',
  'rép',
  'rif',
  'sv',
] as const;
const FORWARD_TAGS = ['fwd', 'fw', 'wg', 'tr', 'rv', 'enc', 'reenv', 'doorst'] as const;

/**
 * One prefix: a tag, an optional counter ("Re[2]:", "RE(3):"), optional space before the colon
 * (French typography) and the colon itself, full-width too. Longest tags first.
 */
const PREFIX = new RegExp(
  `^\\s*(${[...REPLY_TAGS, ...FORWARD_TAGS].sort((a, b) => b.length - a.length).join('|')})\\s*(?:\\[\\d{1,3}\\]|\\(\\d{1,3}\\))?\\s*[:：]\\s*`,
  'iu',
);

/** What a subject's prefixes say, and the subject without them. */
export interface SubjectPrefixes {
  /** The subject with every leading reply/forward prefix removed. */
  base: string;
  /** The outermost prefix is a reply ("AW: WG: x" is a reply to a forward). */
  reply: boolean;
  /** The outermost prefix is a forward. */
  forward: boolean;
}

/** Strips reply and forward prefixes, in any order and number ("Re: AW: Fwd: x" -> "x"). */
export function parseSubjectPrefixes(subject: string): SubjectPrefixes {
  let rest = typeof subject === 'string' ? subject : '';
  let outer: 'reply' | 'forward' | undefined;
  // Bounded: a subject of a thousand "Re:" must not cost more than a glance.
  for (let i = 0; i < 50; i++) {
    const m = PREFIX.exec(rest);
    if (!m) break;
    const tag = m[1]!.toLowerCase() as (typeof REPLY_TAGS)[number] | (typeof FORWARD_TAGS)[number];
    outer ??= (REPLY_TAGS as readonly string[]).includes(tag) ? 'reply' : 'forward';
    rest = rest.slice(m[0].length);
  }
  return { base: rest.trim(), reply: outer === 'reply', forward: outer === 'forward' };
}

/** The subject without reply/forward prefixes, for comparing a reply with what we sent. */
export function baseSubject(subject: string): string {
  return parseSubjectPrefixes(subject).base;
}

/** True when the subject starts with a reply prefix in any of our languages. */
export function isReplySubject(subject: string): boolean {
  return parseSubjectPrefixes(subject).reply;
}
