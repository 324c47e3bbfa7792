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

/**
 * Markers auto-responders put first in the subject: Outlook, Gmail and Exchange in English,
 * German, Spanish, French and Brazilian Portuguese (and a few neighbours our contacts use).
 */
const SUBJECT_PREFIXES =
  /^\s*(automatic reply|auto(matic)?[ -]?(reply|response)|autoreply|auto:|out of (the )?office|ooo\b|abwesenheitsnotiz|automatische antwort|abwesend\b|nicht im b[üu]ro|respuesta autom[aá]tica|fuera de la oficina|mensaje autom[aá]tico|ausente\b|r[ée]ponse automatique|message d['’]absence|absence du bureau|absent(e)? du bureau|resposta autom[aá]tica|mensagem autom[aá]tica|fora do escrit[óo]rio|aus[êe]ncia tempor[aá]ria|risposta automatica|fuori sede|automatisch antwoord|afwezig|autosvar|automaattinen vastaus|automatyczna odpowied[zź])/i;

/** Phrases an out-of-office notice opens with, in the same languages. */
const BODY_HINTS =
  /(automatic reply|auto-?reply|out of (the )?office|this is an automated (message|response|reply)|i am currently (away|out)|i'?m currently (away|out)|abwesenheitsnotiz|automatische antwort|nicht im b[üu]ro|bin (derzeit |zurzeit |bis )?[^\n]{0,40}abwesend|respuesta autom[aá]tica|fuera de la oficina|estar[ée] fuera|estoy fuera|estoy de vacaciones|r[ée]ponse automatique|absente? du bureau|je suis absente?|je serai absente?|resposta autom[aá]tica|fora do escrit[óo]rio|estou ausente|estarei ausente|estou de f[ée]rias|risposta automatica|fuori ufficio)/i;

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
