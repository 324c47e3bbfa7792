/**
 * Pure auto-reply classification. An out-of-office answer is not a reply: it must not stop a cadence.
 * Subjects are checked by prefix only ("Re: Automatic reply: …" is a person answering an auto-reply,
 * so it counts as a real reply). Bodies are checked in their first lines only, because a real reply
 * may well mention being "out of office" further down.
 */

/** What we know about a message. All fields optional. */
export interface AutoReplyInput {
  subject?: string;
  body?: string;
  /** Value of an `Auto-Submitted` header, when a source exposes headers. */
  autoSubmitted?: string;
  /** Value of an `X-Autoreply` / `X-Autorespond` header, when exposed. */
  autoReplyHeader?: string;
}

const SUBJECT_PREFIXES =
  /^\s*(automatic reply|auto(matic)?[ -]?(reply|response)|autoreply|auto:|out of (the )?office|ooo\b|abwesenheitsnotiz|automatische antwort|respuesta autom[aá]tica|fuera de la oficina|r[ée]ponse automatique|absence du bureau|risposta automatica|fuori sede|resposta autom[aá]tica|automatisch antwoord|afwezig|autosvar|automaattinen vastaus|automatyczna odpowied[zź])/i;

const BODY_HINTS =
  /(automatic reply|auto-?reply|out of (the )?office|this is an automated (message|response|reply)|i am currently (away|out)|i'?m currently (away|out)|abwesenheitsnotiz|automatische antwort|nicht im b[üu]ro|respuesta autom[aá]tica|fuera de la oficina|r[ée]ponse automatique|absente? du bureau|risposta automatica|fuori ufficio)/i;

/** How much of the body is searched for hints. */
const BODY_WINDOW = 200;

/** Whether a message looks like an auto-reply / out-of-office notice. */
export function isAutoReply(msg: AutoReplyInput): boolean {
  const auto = msg.autoSubmitted?.trim().toLowerCase();
  if (auto && auto !== 'no') return true;
  if (msg.autoReplyHeader?.trim()) return true;
  if (msg.subject && SUBJECT_PREFIXES.test(msg.subject)) return true;
  if (msg.body && BODY_HINTS.test(msg.body.slice(0, BODY_WINDOW))) return true;
  return false;
}
