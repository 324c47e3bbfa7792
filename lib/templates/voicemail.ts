/**
 * Speaking-time estimates for call and voicemail scripts. Seed 000/003: keep a voicemail under
 * 30 seconds; at a natural ~150 words per minute that is about 75 spoken words.
 */

/** Natural speaking pace used for every estimate. */
export const WORDS_PER_MINUTE = 150;

/** Longest voicemail we let pass without a warning. */
export const VOICEMAIL_MAX_SECONDS = 30;

const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

function tokens(text: string): string[] {
  return text.split(/\s+/u).filter((t) => HAS_WORD_CHAR.test(t));
}

/** Written words: whitespace-separated tokens containing a letter or digit. */
export function countWords(text: string): number {
  return tokens(text).length;
}

/**
 * Words as spoken. A phone number is read digit by digit, so a token with three or more digits
 * counts one word per digit; otherwise a token is one word. This keeps a script that reads the
 * callback number twice honest about its length.
 */
export function spokenWordCount(text: string): number {
  let n = 0;
  for (const t of tokens(text)) {
    const digits = t.match(/\p{Nd}/gu)?.length ?? 0;
    n += digits >= 3 ? digits : 1;
  }
  return n;
}

/** Seconds it takes to say `words` words at `wpm`. */
export function secondsForWords(words: number, wpm: number = WORDS_PER_MINUTE): number {
  return (words * 60) / wpm;
}

/** Length estimate of a script. */
export interface SpeakingTime {
  words: number;
  spokenWords: number;
  /** Estimated seconds at 150 wpm, from `spokenWords`, rounded to one decimal. */
  seconds: number;
  overLimit: boolean;
}

/** Word count and speaking time of a script, flagged when over the 30-second voicemail limit. */
export function speakingTime(text: string, wpm: number = WORDS_PER_MINUTE): SpeakingTime {
  const spokenWords = spokenWordCount(text);
  const seconds = Math.round(secondsForWords(spokenWords, wpm) * 10) / 10;
  return { words: countWords(text), spokenWords, seconds, overLimit: seconds > VOICEMAIL_MAX_SECONDS };
}

/**
 * A heading line such as "Voicemail" or "Voicemail (under 30 seconds):", in every language the
 * template library is written in ("Mailbox", "Buzón de voz", "Message vocal", "Mensagem de voz"):
 * a German call script's own heading must find its voicemail part like an English one.
 */
const VOICEMAIL_HEADING =
  /^[ \t]*(?:voicemail|mailbox|buzón de voz|message vocal|mensagem de voz|correio de voz)(?![\p{L}\p{N}])[^\n]*$/imu;

/**
 * The voicemail part of a call script: everything after its first voicemail heading line.
 * Undefined when the script has no such section.
 */
export function extractVoicemailScript(script: string): string | undefined {
  const m = VOICEMAIL_HEADING.exec(script);
  if (!m) return undefined;
  return script.slice(m.index + m[0].length).trim();
}
