/** Helpers behind the popup's one-click actions. Pure. */
import { DAY_MS, fromLocal, localDay, toLocal } from '@/lib/cadence/zoned';
import { composeUrl } from '@/lib/sites/gmail/insert';

/**
 * Gmail's own compose window, prefilled. Each value is percent-encoded (not form-encoded) so a
 * "+" in a subject stays a plus and line breaks survive.
 */
export function gmailComposeUrl(d: { to: string; subject?: string; body: string }): string {
  // Gmail's URL format is the Gmail adapter's knowledge; this only adapts the popup's shape.
  return composeUrl({ to: [d.to], subject: d.subject, body: d.body });
}

/** Parses 'HH:MM' into minutes after midnight (09:00 when malformed). */
export function minutesOfDay(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return 9 * 60;
  const h = Math.min(23, Number(m[1]));
  const min = Math.min(59, Number(m[2]));
  return h * 60 + min;
}

/**
 * Minutes from `now` to tomorrow at `start` (the rep's working-day start) in `timeZone`: the
 * "snooze until tomorrow morning" amount the background expects.
 */
export function minutesUntilTomorrowMorning(now: number, timeZone: string, start: string): number {
  const today = localDay(toLocal(timeZone, now));
  const target = fromLocal(timeZone, (today + 1) * DAY_MS + minutesOfDay(start) * 60_000, now);
  return Math.max(1, Math.ceil((target - now) / 60_000));
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
