/** Helpers behind the popup's one-click actions. Pure. */
import { DAY_MS, fromLocal, localDay, toLocal } from '@/lib/cadence/zoned';
import { formatRelative } from '@/lib/format/datetime';
import { uiLocale } from '@/lib/i18n';

/** Parses 'HH:MM' into minutes after midnight (09:00 when malformed). */
export function minutesOfDay(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return 9 * 60;
  const h = Math.min(23, Number(m[1]));
  const min = Math.min(59, Number(m[2]));
  return h * 60 + min;
}

/**
 * "Snooze until tomorrow", the same on every surface: tomorrow at the start of the rep's working
 * hours (`start`, 'HH:MM') in the rep's zone, because that is when the rep is back to act on it;
 * the engine still moves an interruptive touch into the contact's window. `minutes` is what the
 * background expects, `label` what the button says ("Tomorrow, 9:00 AM").
 */
export function tomorrowSnooze(
  now: number,
  timeZone: string,
  start: string,
  locale = uiLocale(),
): { minutes: number; at: number; label: string } {
  const today = localDay(toLocal(timeZone, now));
  const target = fromLocal(timeZone, (today + 1) * DAY_MS + minutesOfDay(start) * 60_000, now);
  const minutes = Math.max(1, Math.ceil((target - now) / 60_000));
  const at = now + minutes * 60_000;
  return { minutes, at, label: formatRelative(at, now, timeZone, locale) };
}

/**
 * A stored URL made safe to use as a link target: only http(s) addresses pass, so an imported
 * `javascript:` or `data:` "profile URL" never becomes a live link. A bare host gets https.
 */
export function webHref(url: string | undefined): string | undefined {
  const trimmed = url?.trim();
  if (!trimmed) return undefined;
  const withScheme = /^[a-z][a-z\d+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const u = new URL(withScheme);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** A tel: link target: digits and a leading plus only. */
export function telHref(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/[^\d]/g, '');
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}
