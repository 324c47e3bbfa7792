/**
 * Parses the full dates Gmail puts in `title` attributes, in the page's local time zone (the zone
 * Gmail renders them in): "Tue, Aug 19, 2025, 1:19 PM", "Thu, Dec 18, 2014 at 12:35 PM",
 * "Di., 19. Aug. 2025, 13:19", "mar. 19 août 2025, 13:19", "mar, 19 ago 2025, 13:19".
 * Pure: builds a date from its parts, never reads the clock. Unknown shapes give undefined rather
 * than a guess, because a wrong date would turn an old message into a "reply".
 */

/** Month-name prefixes (lower case, accents kept) for en, de, fr, es, it, pt, nl. */
const MONTHS: readonly (readonly string[])[] = [
  ['jan', 'ene', 'gen', 'janv'],
  ['feb', 'fév', 'fev', 'févr'],
  ['mar', 'mär', 'mrt', 'mars'],
  ['apr', 'avr', 'abr'],
  ['may', 'mai', 'mag', 'mei'],
  ['jun', 'juin', 'giu'],
  ['jul', 'juil', 'lug'],
  ['aug', 'août', 'aou', 'ago'],
  ['sep', 'sept', 'set'],
  ['oct', 'okt', 'ott', 'out'],
  ['nov'],
  ['dec', 'dez', 'déc', 'dic'],
];

function monthOf(word: string): number {
  const w = word.toLowerCase();
  for (let m = 0; m < 12; m++) {
    for (const p of MONTHS[m] ?? []) {
      if (w === p || (w.startsWith(p) && p.length >= 3 && w.length <= 10)) return m;
    }
  }
  return -1;
}

/** Epoch ms for a Gmail date string, or undefined when it lacks a year, month, day or time. */
export function parseGmailDate(raw: string | null | undefined): number | undefined {
  if (!raw) return undefined;
  let s = raw.replace(/[\u00a0\u202f\u2009]/g, ' ');
  const t = /(\d{1,2})[:.h](\d{2})(?::\d{2})?\s*([ap])?\.?\s?m?\.?(?![a-z])/i.exec(s);
  if (!t) return undefined;
  s = s.slice(0, t.index) + s.slice(t.index + t[0].length);
  const yearM = /\b(\d{4})\b/.exec(s);
  if (!yearM) return undefined;
  const year = Number(yearM[1]);
  // The weekday can look like a month ("mar." is Tuesday in French and Spanish), so take the last
  // month-like word before the year.
  let month = -1;
  for (const w of s.slice(0, yearM.index).match(/\p{L}+/gu) ?? []) {
    const m = monthOf(w);
    if (m >= 0) month = m;
  }
  const dayM = /\b(\d{1,2})\b/.exec(s.replace(yearM[0], ' '));
  if (month < 0 || !dayM) return undefined;
  const day = Number(dayM[1]);
  let hour = Number(t[1]);
  const minute = Number(t[2]);
  const ampm = t[3]?.toLowerCase();
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (ampm === 'p' ? 12 : 0);
  }
  if (day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  const d = new Date(year, month, day, hour, minute);
  return d.getMonth() === month && d.getDate() === day ? d.getTime() : undefined;
}

/** Reads an epoch value from data attributes (seconds or ms), for pages that carry one. */
export function parseEpochAttr(el: Element): number | undefined {
  for (const a of ['data-timestamp', 'data-ts', 'data-time']) {
    const v = el.getAttribute(a);
    if (v && /^\d{9,13}$/.test(v)) {
      const n = Number(v);
      return n < 1e11 ? n * 1000 : n;
    }
  }
  return undefined;
}

const DAY_MS = 86_400_000;

/**
 * The time in a "Send scheduled for …" toast, in the page's local zone: "Tue, Dec 2, 8:00 AM" (no
 * year: the next such date from `now`), a full date with a year, or "Tomorrow, 8:00 AM" /
 * "Today, 6:00 PM". Undefined when the text names no time (e.g. "Message sent").
 */
export function parseScheduledTime(raw: string | null | undefined, now: number): number | undefined {
  if (!raw) return undefined;
  const s = raw.replace(/[\u00a0\u202f\u2009]/g, ' ');
  const full = parseGmailDate(s);
  if (full !== undefined) return full;
  const t = /(\d{1,2})[:.h](\d{2})(?::\d{2})?\s*([ap])?\.?\s?m?\.?(?![a-z])/i.exec(s);
  if (!t) return undefined;
  const year = new Date(now).getFullYear();
  for (const y of [year, year + 1]) {
    const at = parseGmailDate(`${s} ${y}`);
    if (at !== undefined && at > now - DAY_MS) return at;
  }
  const rel = /\btomorrow\b/i.test(s) ? 1 : /\btoday\b/i.test(s) ? 0 : -1;
  if (rel < 0) return undefined;
  let hour = Number(t[1]);
  const minute = Number(t[2]);
  const ampm = t[3]?.toLowerCase();
  if (ampm) hour = (hour % 12) + (ampm === 'p' ? 12 : 0);
  if (hour > 23 || minute > 59) return undefined;
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + rel, hour, minute).getTime();
}
