/**
 * The weekly review's figures in the rep's locale: rates (one decimal below 10 %, where a small
 * opt-out rate matters), signed week-on-week changes, and elapsed times in at most two units.
 * Built on `Intl` with the locale as an argument, like datetime.ts; pure.
 */
import { DEFAULT_LOCALE } from './datetime';

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, options);
    } catch {
      // A locale the runtime refuses (a corrupt stored setting) reads in English, never throws.
      f = new Intl.NumberFormat(DEFAULT_LOCALE, options);
    }
    formats.set(key, f);
  }
  return f;
}

/** Whole numbers from 10 up, one decimal below (2.5 points, 42 points). */
const digitsFor = (n: number) => (Math.abs(n) >= 10 || n === 0 ? 0 : 1);

/** "42%", "2.5%", "0%" ("42 %", "2,5 %" in German and French) for a ratio 0..1. */
export function formatRate(ratio: number, locale = DEFAULT_LOCALE): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: digitsFor(ratio * 100) }).format(
    ratio,
  );
}

/** "+12", "-3", "+2.5", "0": a change with its sign (one decimal below 10). */
export function formatSigned(n: number, locale = DEFAULT_LOCALE): string {
  return numberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: digitsFor(n) }).format(n);
}

/** "+12 min", "-1.5 min" ("+12 Min.", "-1,5 min"): a change in minutes with its sign. */
export function formatSignedMinutes(n: number, locale = DEFAULT_LOCALE): string {
  return numberFormat(locale, {
    style: 'unit',
    unit: 'minute',
    unitDisplay: 'short',
    signDisplay: 'exceptZero',
    maximumFractionDigits: digitsFor(n),
  }).format(n);
}

type Unit = 'second' | 'minute' | 'hour' | 'day';
const unit = (n: number, u: Unit, locale: string) =>
  numberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(n);

/**
 * "45 sec", "3 min", "2 hr 5 min", "3 days 4 hr" ("2 Std. 5 Min.", "2 h 5 min"): an
 * elapsed time in the largest unit and the next one, each in the locale's own words.
 */
export function formatElapsed(ms: number, locale = DEFAULT_LOCALE): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return unit(s, 'second', locale);
  const min = Math.round(s / 60);
  if (min < 60) return unit(min, 'minute', locale);
  const h = Math.floor(min / 60);
  if (h < 24)
    return min % 60
      ? `${unit(h, 'hour', locale)} ${unit(min % 60, 'minute', locale)}`
      : unit(h, 'hour', locale);
  const d = Math.floor(h / 24);
  return h % 24 ? `${unit(d, 'day', locale)} ${unit(h % 24, 'hour', locale)}` : unit(d, 'day', locale);
}
