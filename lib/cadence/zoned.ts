/**
 * Wall-clock arithmetic in an IANA zone. Instants are UTC epoch ms; "local ms" is the same
 * wall clock read as if it were UTC, so calendar arithmetic on it is plain addition.
 * Offsets come from @date-fns/tz (`tzOffset`), memoised per minute because planning asks for
 * the same instants many times and Intl formatting dominates the cost.
 */
import { tzOffset } from '@date-fns/tz';
import { msg } from '@/lib/i18n/msg';
import { CadenceError } from './errors';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const validZones = new Map<string, boolean>();
const offsetCaches = new Map<string, Map<number, number>>();
const MAX_CACHE = 50_000;

/** True when `timeZone` is an IANA zone the runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  let ok = validZones.get(timeZone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      // Offsets like "+05:30" are accepted by Intl but are not zones: they have no DST rules.
      ok = /^[A-Za-z]/.test(timeZone) && !Number.isNaN(tzOffset(timeZone, new Date(0)));
    } catch {
      ok = false;
    }
    validZones.set(timeZone, ok);
  }
  return ok;
}

/** Throws a {@link CadenceError} unless `timeZone` is a known IANA zone. */
export function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) {
    throw new CadenceError('unknown-time-zone', msg('err_time_zone_unknown', { zone: String(timeZone) }));
  }
}

/** UTC offset of `timeZone` at instant `utc`, in ms. */
export function offsetMs(timeZone: string, utc: number): number {
  let cache = offsetCaches.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  const key = Math.floor(utc / MINUTE_MS);
  let off = cache.get(key);
  if (off === undefined) {
    off = tzOffset(timeZone, new Date(key * MINUTE_MS)) * MINUTE_MS;
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(key, off);
  }
  return off;
}

/** Local wall clock (as local ms) of instant `utc`. */
export function toLocal(timeZone: string, utc: number): number {
  return utc + offsetMs(timeZone, utc);
}

/**
 * The instant showing wall clock `local` in `timeZone`.
 * - Ambiguous (fall-back overlap): the earliest occurrence not before `notBefore`.
 * - Non-existent (spring-forward gap): moved forward by the gap, i.e. read with the offset in
 *   force before the change (02:30 in a one-hour gap becomes 03:30).
 */
export function fromLocal(timeZone: string, local: number, notBefore = Number.NEGATIVE_INFINITY): number {
  // `local` read as UTC is within 14 h of the real instant, so a day either side is safely
  // before and after any single transition around it.
  const offBefore = offsetMs(timeZone, local - DAY_MS);
  const offAfter = offsetMs(timeZone, local + DAY_MS);
  const a = local - offBefore;
  if (offBefore === offAfter) return a;
  const b = local - offAfter;
  const aOk = toLocal(timeZone, a) === local;
  const bOk = toLocal(timeZone, b) === local;
  if (aOk && bOk) {
    const [first, second] = a <= b ? [a, b] : [b, a];
    return first >= notBefore ? first : second;
  }
  if (aOk) return a;
  if (bOk) return b;
  return a;
}

/** Whole local days since 1970-01-01 of a local ms value. */
export function localDay(local: number): number {
  return Math.floor(local / DAY_MS);
}

/** Ms since local midnight of a local ms value. */
export function localTimeOfDay(local: number): number {
  return local - localDay(local) * DAY_MS;
}

/** Weekday 0=Sun .. 6=Sat of a local day number (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The instant `days` calendar days after `utc` at the same local time of day. */
export function addLocalDays(timeZone: string, utc: number, days: number): number {
  if (days === 0) return utc;
  return fromLocal(timeZone, toLocal(timeZone, utc) + days * DAY_MS);
}

/** The first local midnight strictly after `utc`. */
export function nextLocalMidnight(timeZone: string, utc: number): number {
  const day = localDay(toLocal(timeZone, utc));
  return fromLocal(timeZone, (day + 1) * DAY_MS, utc + 1);
}
