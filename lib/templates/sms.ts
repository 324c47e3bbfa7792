/**
 * SMS length accounting: which encoding a text forces and how many billable segments it takes.
 * Carriers send GSM-7 when every character is in the GSM 03.38 set, otherwise UCS-2 (UTF-16).
 */

/** GSM 03.38 basic character set (one septet each). */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** GSM 03.38 extension table: each costs two septets (escape + character). */
const GSM7_EXTENDED = '\f^{}\\[~]|€';

const BASIC = new Set(GSM7_BASIC);
const EXTENDED = new Set(GSM7_EXTENDED);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** Limits per encoding: a lone message, and each part of a concatenated one (UDH takes room). */
export const SMS_LIMITS: Readonly<Record<SmsEncoding, { single: number; multi: number }>> = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
};

/** Length accounting for one SMS text. */
export interface SmsCount {
  encoding: SmsEncoding;
  /** Units used: septets for GSM-7, UTF-16 code units for UCS-2. */
  used: number;
  /** Billable segments (0 for an empty text). */
  segments: number;
  /** Capacity of each segment at the current count (160/153 or 70/67). */
  perSegment: number;
  /** Units still free in the last segment before another one is needed. */
  remaining: number;
  /** Distinct characters that forced UCS-2, in order of appearance (empty for GSM-7). */
  unicodeChars: string[];
}

/** Septets a character costs in GSM-7, or undefined if it is not representable. */
function gsmCost(ch: string): number | undefined {
  if (BASIC.has(ch)) return 1;
  if (EXTENDED.has(ch)) return 2;
  return undefined;
}

/** True when every character of `text` fits the GSM-7 alphabet (basic or extension table). */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (gsmCost(ch) === undefined) return false;
  return true;
}

/**
 * Packs per-character costs into segments greedily. A character never straddles two parts
 * (an escape pair or a surrogate pair must travel together), so a part can end a unit short.
 */
function pack(costs: number[], single: number, multi: number) {
  const total = costs.reduce((a, b) => a + b, 0);
  if (total === 0) return { total, segments: 0, perSegment: single, remaining: single };
  if (total <= single) return { total, segments: 1, perSegment: single, remaining: single - total };
  let segments = 1;
  let fill = 0;
  for (const c of costs) {
    if (fill + c > multi) {
      segments++;
      fill = c;
    } else {
      fill += c;
    }
  }
  return { total, segments, perSegment: multi, remaining: multi - fill };
}

/** Counts encoding, units and segments for an SMS text. Never throws (lone surrogates count as one unit). */
export function countSms(text: string): SmsCount {
  const chars = Array.from(text);
  const unicodeChars: string[] = [];
  for (const ch of chars) {
    if (gsmCost(ch) === undefined && !unicodeChars.includes(ch)) unicodeChars.push(ch);
  }
  const encoding: SmsEncoding = unicodeChars.length === 0 ? 'GSM-7' : 'UCS-2';
  const limits = SMS_LIMITS[encoding];
  const costs = encoding === 'GSM-7' ? chars.map((ch) => gsmCost(ch) ?? 1) : chars.map((ch) => ch.length);
  const { total, segments, perSegment, remaining } = pack(costs, limits.single, limits.multi);
  return { encoding, used: total, segments, perSegment, remaining, unicodeChars };
}
