/**
 * The one way dates, times, numbers and durations read in Touchbase, on every surface (popup,
 * sidebar, dashboard, notifications). Built on `Intl` with the locale and the zone as arguments:
 * surfaces pass the interface locale (`uiLocale()` from lib/i18n), so the rep's locale decides
 * 12/24 h and digit grouping; message templates pass the contact's language.
 * Pure: `now` comes in, nothing reads the clock.
 */
import { localDay, toLocal } from '@/lib/cadence/zoned';

/** The locale a caller that passes none gets (pure code and tests). */
export const DEFAULT_LOCALE = 'en-US';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

type Kind =
  | 'time'
  | 'hour'
  | 'weekday'
  | 'weekdayLong'
  | 'monthDay'
  | 'monthDayYear'
  | 'day'
  | 'dayYear'
  | 'dateTime'
  | 'iso';

const OPTIONS: Record<Kind, Intl.DateTimeFormatOptions> = {
  time: { hour: 'numeric', minute: '2-digit' },
  hour: { hour: 'numeric' },
  weekday: { weekday: 'short' },
  weekdayLong: { weekday: 'long' },
  monthDay: { month: 'long', day: 'numeric' },
  monthDayYear: { month: 'long', day: 'numeric', year: 'numeric' },
  day: { weekday: 'short', month: 'short', day: 'numeric' },
  dayYear: { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' },
  dateTime: { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  iso: { year: 'numeric', month: '2-digit', day: '2-digit' },
};

const cache = new Map<string, Intl.DateTimeFormat>();

/**
 * A cached formatter. A zone or locale the runtime refuses (a corrupt stored setting) falls back
 * to UTC and English rather than throwing into a render.
 */
function formatter(kind: Kind, timeZone: string, locale: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}|${locale}`;
  let f = cache.get(key);
  if (!f) {
    const opts = OPTIONS[kind];
    // The ISO day is a machine format (file names, date inputs): one locale always.
    const loc = kind === 'iso' ? 'en-CA' : locale;
    try {
      f = new Intl.DateTimeFormat(loc, { ...opts, timeZone });
    } catch {
      try {
        f = new Intl.DateTimeFormat(loc, { ...opts, timeZone: 'UTC' });
      } catch {
        f = new Intl.DateTimeFormat(DEFAULT_LOCALE, { ...opts, timeZone: 'UTC' });
      }
    }
    cache.set(key, f);
  }
  return f;
}

/** "2:30 PM" in `timeZone`. */
export function formatTime(at: number | Date, timeZone: string, locale = DEFAULT_LOCALE): string {
  return formatter('time', timeZone, locale).format(at);
}

/** "Mon" ("lun", "Mo.") for a weekday number, 0 = Sunday, as in `ContactWindow.days`. */
export function weekdayName(day: number, locale = DEFAULT_LOCALE): string {
  // 7 January 2024 was a Sunday; UTC keeps the day fixed.
  return formatter('weekday', 'UTC', locale).format(Date.UTC(2024, 0, 7 + (((day % 7) + 7) % 7)));
}

/** "Thu" in `timeZone`. */
export function formatWeekday(at: number | Date, timeZone: string, locale = DEFAULT_LOCALE): string {
  return formatter('weekday', timeZone, locale).format(at);
}

/** "2 PM" (en-US), "14 Uhr" (de), "14 h" (fr): the hour alone, for a time on the hour. */
export function formatHour(at: number | Date, timeZone: string, locale = DEFAULT_LOCALE): string {
  return formatter('hour', timeZone, locale).format(at);
}

/** "Thursday" in `timeZone`, in words a message can use. */
export function formatWeekdayLong(at: number | Date, timeZone: string, locale = DEFAULT_LOCALE): string {
  return formatter('weekdayLong', timeZone, locale).format(at);
}

/** "November 26" ("26 de noviembre", "26. November"), with the year when `withYear`. */
export function formatMonthDay(
  at: number | Date,
  timeZone: string,
  locale = DEFAULT_LOCALE,
  withYear = false,
): string {
  return formatter(withYear ? 'monthDayYear' : 'monthDay', timeZone, locale).format(at);
}

/** "Thu, Nov 26" in `timeZone`. */
export function formatDay(at: number | Date, timeZone: string, locale = DEFAULT_LOCALE): string {
  return formatter('day', timeZone, locale).format(at);
}

/** "Thu, Nov 26, 2026" in `timeZone`. */
export function formatDayWithYear(at: number | Date, timeZone: string, locale = DEFAULT_LOCALE): string {
  return formatter('dayYear', timeZone, locale).format(at);
}

/** "Thu, Nov 26, 2:30 PM" in `timeZone`. */
export function formatDateTime(at: number | Date, timeZone: string, locale = DEFAULT_LOCALE): string {
  return formatter('dateTime', timeZone, locale).format(at);
}

/** "2026-11-26": the calendar day of `at` in `timeZone`, for file names and date inputs. */
export function isoDay(at: number | Date, timeZone: string): string {
  const parts = formatter('iso', timeZone, 'en-CA').formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Calendar days from `now`'s day to `at`'s day in `timeZone` (0 today, 1 tomorrow, -1 yesterday). */
export function dayDiff(at: number, now: number, timeZone: string): number {
  try {
    return localDay(toLocal(timeZone, at)) - localDay(toLocal(timeZone, now));
  } catch {
    return localDay(at) - localDay(now);
  }
}

const relativeDays = new Map<string, Intl.RelativeTimeFormat>();

/** "Today", "Tomorrow", "Yesterday" in `locale` (Intl's own words, so they translate for free). */
export function relativeDayWord(diff: -1 | 0 | 1, locale = DEFAULT_LOCALE): string {
  let f = relativeDays.get(locale);
  if (!f) {
    try {
      f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    } catch {
      f = new Intl.RelativeTimeFormat(DEFAULT_LOCALE, { numeric: 'auto' });
    }
    relativeDays.set(locale, f);
  }
  const word = f.format(diff, 'day');
  return word.charAt(0).toLocaleUpperCase(locale) + word.slice(1);
}

/** "Today, 2:30 PM", "Tomorrow, 9:00 AM", "Yesterday, 4:10 PM", else "Thu, Nov 26, 9:00 AM". */
export function formatRelative(at: number, now: number, timeZone: string, locale = DEFAULT_LOCALE): string {
  const diff = dayDiff(at, now, timeZone);
  if (diff === 0 || diff === 1 || diff === -1)
    return `${relativeDayWord(diff, locale)}, ${formatTime(at, timeZone, locale)}`;
  return formatDateTime(at, timeZone, locale);
}

const unitFormats = new Map<string, Intl.NumberFormat>();

function unitFormat(unit: 'minute' | 'hour' | 'day', locale: string): Intl.NumberFormat {
  const key = `${unit}|${locale}`;
  let f = unitFormats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' });
    } catch {
      f = new Intl.NumberFormat(DEFAULT_LOCALE, { style: 'unit', unit, unitDisplay: 'short' });
    }
    unitFormats.set(key, f);
  }
  return f;
}

/**
 * "12 min", "3 hr", "2 days" ("3 Std.", "2 j"): the coarse size of a duration in `locale`'s own
 * unit words, rounded to the nearest unit (floor would call 1 h 59 min "1 hr"), never "0 min".
 * The unit follows the rounded value, so 59.6 minutes is "1 hr", not "60 min".
 */
export function coarseDuration(ms: number, locale = DEFAULT_LOCALE): string {
  const abs = Math.abs(ms);
  const minutes = Math.max(1, Math.round(abs / MINUTE_MS));
  if (minutes < 60) return unitFormat('minute', locale).format(minutes);
  const hours = Math.round(abs / HOUR_MS);
  if (hours < 48) return unitFormat('hour', locale).format(hours);
  return unitFormat('day', locale).format(Math.round(abs / DAY_MS));
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions, tag: string): Intl.NumberFormat {
  const key = `${tag}|${locale}`;
  let f = numberFormats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, options);
    } catch {
      f = new Intl.NumberFormat(DEFAULT_LOCALE, options);
    }
    numberFormats.set(key, f);
  }
  return f;
}

/** "1,234" (en), "1.234" (de), "1 234" (fr): a count with the locale's digits and grouping. */
export function formatNumber(n: number, locale = DEFAULT_LOCALE): string {
  return numberFormat(locale, {}, 'n').format(n);
}

/** "42%" ("42 %" in German and French) for a ratio 0..1, whole percent. */
export function formatPercent(ratio: number, locale = DEFAULT_LOCALE): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }, 'p').format(ratio);
}

/** "8:00 AM" for a wall-clock 'HH:MM' (a window edge), with no zone involved; as given when malformed. */
export function formatClock(hhmm: string, locale = DEFAULT_LOCALE): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return hhmm;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59) return hhmm;
  return formatTime(Date.UTC(2000, 0, 1, h, min), 'UTC', locale);
}

/**
 * "Spanish", "Spanisch", "espagnol": a language's name as `locale` writes it inside a sentence
 * (the pickers show each language's own name instead); the tag itself when Intl cannot name it.
 */
export function languageName(tag: string, locale = DEFAULT_LOCALE): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
